/**
 * Proofs, on a real PostgreSQL 15, of the claims the lint rules make.
 *
 * <p>A proof is a JUnit class annotated {@code @ExtendWith(PgTestDatabase.class)} that, per test, opens a
 * {@link io.github.hotcompat.proof.ProofCase} on a {@code @TempDir}, seeds data, and deploys changelogs with
 * Liquibase. Lock claims use {@link io.github.hotcompat.proof.LockProbe} ({@code assertBlocked} for the original,
 * {@code assertNotBlocked} for the rewrite); rewrite claims use
 * {@link io.github.hotcompat.proof.PgCatalog#relfilenode}, {@code indexIsValid}, {@code columnInfo},
 * {@code constraintValidated}; hot-compatibility claims run the old application's statement with
 * {@link io.github.hotcompat.proof.PgCatalog#sqlStateOf} after each deploy ({@code ProofCase.deploy} can be
 * called repeatedly: deploys share one DATABASECHANGELOG). Keep original and rewrite changelogs in named methods
 * so they can be replaced by the plugin's own output.
 */
package io.github.hotcompat.proof;

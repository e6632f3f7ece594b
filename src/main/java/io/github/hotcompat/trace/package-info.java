/**
 * {@code hotcompat:trace}'s observations: running pending changesets' statements on a scratch PostgreSQL and
 * recording, per statement, the locks, rewrites, scans and index builds they caused ({@link
 * io.github.hotcompat.trace.StatementObserver}), and the {@code trace.json} that holds them ({@link
 * io.github.hotcompat.trace.TraceFile}), which the analysis reads to know what a trace covered. It sits below
 * {@code analysis} for that reason and uses no other hotcompat package.
 */
package io.github.hotcompat.trace;

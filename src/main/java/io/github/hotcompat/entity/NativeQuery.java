package io.github.hotcompat.entity;

/**
 * Native SQL found in the classes.
 *
 * @param methodName the repository method, or null for a class-level {@code @NamedNativeQuery}
 */
public record NativeQuery(String sql, String className, String methodName) {
}

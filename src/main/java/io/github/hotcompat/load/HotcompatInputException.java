package io.github.hotcompat.load;

/**
 * Bad user input (missing or malformed changelog, bad configuration). The message is the whole
 * user-facing explanation: it names the file and line and what to do, so callers print it as is,
 * without a stack trace.
 */
public class HotcompatInputException extends RuntimeException {
    public HotcompatInputException(String message) {
        super(message);
    }

    public HotcompatInputException(String message, Throwable cause) {
        super(message, cause);
    }
}

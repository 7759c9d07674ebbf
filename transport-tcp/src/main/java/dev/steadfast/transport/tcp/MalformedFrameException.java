package dev.steadfast.transport.tcp;

import java.io.IOException;

/** Bytes on the wire that are not a valid frame: the connection they came on is closed. */
final class MalformedFrameException extends IOException {
    MalformedFrameException(String message) {
        super(message);
    }

    MalformedFrameException(String message, Throwable cause) {
        super(message, cause);
    }
}

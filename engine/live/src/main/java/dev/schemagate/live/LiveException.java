package dev.schemagate.live;

/**
 * A live-database problem a user can act on (unreachable server, bad URL, missing password, refused login):
 * reported as a message without a stack trace. Messages are already cleaned of credentials.
 */
public final class LiveException extends Exception {
    public LiveException(String message) {
        super(message, null, false, false);
    }
}

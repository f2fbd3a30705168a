package org.example.toolsrunner;

import java.util.Optional;

/**
 * Turns the lines of a {@code text/event-stream} into frames. RCRT sends plain {@code data: <json>}
 * frames, but this follows the SSE rules a browser follows: several {@code data:} lines join with a
 * newline, a blank line ends the frame, {@code :} lines are comments, other fields are ignored.
 * Not thread-safe: one parser per connection.
 */
public final class SseFrameParser {
    private final StringBuilder data = new StringBuilder();
    private boolean hasData;

    /** Feeds one line (without its line ending); returns the frame's data when this line completes one. */
    public Optional<String> acceptLine(String line) {
        if (line.isEmpty()) {
            return finishFrame();
        }
        if (line.startsWith(":")) {
            return Optional.empty();
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        if (!field.equals("data")) {
            return Optional.empty();
        }
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        if (hasData) {
            data.append('\n');
        }
        data.append(value);
        hasData = true;
        return Optional.empty();
    }

    private Optional<String> finishFrame() {
        if (!hasData) {
            return Optional.empty();
        }
        String frame = data.toString();
        data.setLength(0);
        hasData = false;
        return Optional.of(frame);
    }
}

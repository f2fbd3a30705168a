package org.example.toolsrunner;

import com.fasterxml.jackson.databind.JsonNode;

/** A tool this runner can host: takes the request's {@code input}, returns its result. */
public interface Tool {
    String name();

    JsonNode run(JsonNode input) throws ToolException;

    /** The tool could not do what it was asked (bad input); the runner answers with an error response. */
    class ToolException extends Exception {
        public ToolException(String message) {
            super(message);
        }
    }
}

package org.example.toolsrunner;

import com.fasterxml.jackson.databind.JsonNode;

/** Answers with its input. */
public final class EchoTool implements Tool {
    @Override
    public String name() {
        return "echo";
    }

    @Override
    public JsonNode run(JsonNode input) {
        return Json.MAPPER.createObjectNode().set("echo", input);
    }
}

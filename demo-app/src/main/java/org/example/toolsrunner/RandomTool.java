package org.example.toolsrunner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;

import java.util.concurrent.ThreadLocalRandom;

/** A random integer in {@code [min, max]} (default 1..100). */
public final class RandomTool implements Tool {
    @Override
    public String name() {
        return "random";
    }

    @Override
    public JsonNode run(JsonNode input) throws ToolException {
        int min = input.path("min").asInt(1);
        int max = input.path("max").asInt(100);
        if (max < min) {
            throw new ToolException("max (" + max + ") is below min (" + min + ")");
        }
        return IntNode.valueOf(ThreadLocalRandom.current().nextInt(min, max + 1));
    }
}

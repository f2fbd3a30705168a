package org.rcrt.localbus.it.clients;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rcrt.localbus.it.support.ForkedJvm;

/** What one run of a client application printed ({@code RESULT}, {@code ERROR}, {@code EVENT} lines), parsed. */
record Observed(ForkedJvm.Result run, List<JsonNode> events, List<String> outcomes) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    static Observed of(ForkedJvm.Result run) {
        List<JsonNode> events = run.stdoutLines().stream().filter(l -> l.startsWith("EVENT "))
                .map(l -> parse(l.substring("EVENT ".length()))).toList();
        List<String> outcomes = run.stdoutLines().stream()
                .filter(l -> l.startsWith("RESULT ") || l.startsWith("ERROR ") || l.startsWith("PROXY ")).toList();
        return new Observed(run, events, outcomes);
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The local events of one case: those whose context names it. */
    List<JsonNode> eventsOf(String caseName) {
        if (caseName.endsWith(".create")) {
            // an update case first creates its breadcrumb, with the update case's own context: its version 1
            String updateCase = caseName.substring(0, caseName.length() - ".create".length());
            return events.stream().filter(e -> updateCase.equals(e.path("context").path("case").asText())
                    && e.path("version").asLong() == 1).toList();
        }
        return events.stream().filter(e -> caseName.equals(e.path("context").path("case").asText())).toList();
    }

    /** The line a case printed ({@code RESULT <case> …} or {@code ERROR <case> …}), if any. */
    Optional<String> outcome(String caseName) {
        return outcomes.stream().filter(l -> l.startsWith("RESULT " + caseName + " ") || l.startsWith("ERROR " + caseName + " "))
                .findFirst();
    }

    /** The breadcrumb id in what a case returned: the id the server answered with. */
    String returnedId(String caseName) {
        String line = outcome(caseName).orElseThrow(() -> new AssertionError("no outcome for " + caseName + "\n" + run.describe()));
        Matcher m = UUID.matcher(line);
        if (!line.startsWith("RESULT ") || !m.find()) {
            throw new AssertionError("case " + caseName + " returned no id: " + line + "\n" + run.describe());
        }
        return m.group();
    }
}

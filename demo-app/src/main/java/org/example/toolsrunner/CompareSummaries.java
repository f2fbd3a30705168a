package org.example.toolsrunner;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Prints summaries written with {@code --summary-json} side by side:
 * {@code java -cp demo-app.jar org.example.toolsrunner.CompareSummaries a.json b.json ...}
 */
public final class CompareSummaries {
    private CompareSummaries() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: CompareSummaries <summary.json>...");
            System.exit(2);
        }
        List<JsonNode> summaries = new ArrayList<>();
        for (String file : args) {
            summaries.add(Json.MAPPER.readTree(Path.of(file).toFile()));
        }
        System.out.print(table(summaries));
    }

    public static String table(List<JsonNode> summaries) {
        List<String[]> rows = new ArrayList<>();
        rows.add(row("", summaries, s -> s.path("label").asText("")));
        rows.add(row("round trip (median / max)", summaries, CompareSummaries::roundTrip));
        rows.add(row("workflows timed out", summaries, s -> s.path("timeouts").asInt() + " of " + s.path("workflows").size()));
        rows.add(row("answers by the in-process lane", summaries, s -> answers(s, EventBridge.LANE_IN_PROCESS)));
        rows.add(row("answers by the sse lane", summaries, s -> answers(s, EventBridge.LANE_SSE)));
        rows.add(row("events, in-process lane", summaries, s -> s.path("events_per_lane").path(EventBridge.LANE_IN_PROCESS).asText("0")));
        rows.add(row("events, sse lane", summaries, s -> s.path("events_per_lane").path(EventBridge.LANE_SSE).asText("0")));
        rows.add(row("SSE copies arrived", summaries, s -> s.path("sse_frames_passed").asText()));
        rows.add(row("SSE copies skipped (had a local copy)", summaries, s -> s.path("sse_events_skipped").asText()));
        rows.add(row("SSE repeats (same event again)", summaries,
                s -> String.valueOf(s.path("sse_frames_passed").asLong() - s.path("sse_events_passed").asLong())));
        rows.add(row("tools executed", summaries, s -> s.path("tools_executed").asText()));
        rows.add(row("duplicate executions", summaries, s -> s.path("duplicate_executions").asText()));

        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        StringBuilder table = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                line.append(String.format("%-" + (widths[c] + 4) + "s", row[c]));
            }
            table.append(line.toString().stripTrailing()).append('\n');
        }
        return table.toString();
    }

    private static String[] row(String name, List<JsonNode> summaries, Function<JsonNode, String> cell) {
        String[] row = new String[summaries.size() + 1];
        row[0] = name;
        for (int i = 0; i < summaries.size(); i++) {
            row[i + 1] = cell.apply(summaries.get(i));
        }
        return row;
    }

    /** "6 in 3.1 ms (median)": how many workflow answers came by this lane, and how soon after the workflow started. */
    private static String answers(JsonNode summary, String lane) {
        long count = 0;
        for (JsonNode workflow : summary.path("workflows")) {
            for (JsonNode answer : workflow.path("answers")) {
                count += answer.path("lane").asText().equals(lane) ? 1 : 0;
            }
        }
        JsonNode median = summary.path("answer_ms_median_per_lane").path(lane);
        return count == 0 || !median.isNumber() ? "0" : count + " in " + duration(median.asDouble()) + " (median)";
    }

    private static String duration(double millis) {
        return millis < 1000 ? String.format(Locale.ROOT, "%.1f ms", millis) : String.format(Locale.ROOT, "%.1f s", millis / 1000);
    }

    private static String roundTrip(JsonNode summary) {
        JsonNode median = summary.path("round_trip_ms").path("median");
        int timeouts = summary.path("timeouts").asInt();
        String text = median.isNumber()
                ? duration(median.asDouble()) + " / " + duration(summary.path("round_trip_ms").path("max").asDouble())
                : "";
        if (timeouts > 0) {
            text += (text.isEmpty() ? "" : ", ") + "TIMEOUT";
        }
        return text.isEmpty() ? "n/a" : text;
    }
}

package org.rcrt.localbus.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.rcrt.localbus.agent.AgentVersion;
import org.rcrt.localbus.agent.config.AgentConfig;

class HelpTest {
    private static final Pattern HELP_KEY = Pattern.compile("^  (rcrt\\.localbus\\.\\S+)  \\((\\S+)\\)  default: (.*)$");
    private static final Pattern README_ROW = Pattern.compile("^\\| `(rcrt\\.localbus\\.[^`]+)` \\| (.+?) \\| (.+) \\|$");

    record Row(String key, String defaultText, String meaning) {}

    static String[] run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Commands.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new String[] {String.valueOf(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    /** The key blocks of the help: a header line with key, env var and default, then the meaning, indented. */
    static List<Row> helpRows(String help) {
        List<Row> rows = new ArrayList<>();
        String[] lines = help.split("\n");
        for (int i = 0; i < lines.length; i++) {
            Matcher m = HELP_KEY.matcher(lines[i]);
            if (m.matches()) {
                StringBuilder meaning = new StringBuilder();
                while (i + 1 < lines.length && lines[i + 1].startsWith("      ")) {
                    meaning.append(meaning.length() == 0 ? "" : " ").append(lines[++i].trim());
                }
                rows.add(new Row(m.group(1), m.group(3), meaning.toString()));
            }
        }
        return rows;
    }

    @Test
    void helpListsEveryKeyOfTheTableWithItsEnvironmentVariableDefaultAndMeaning() {
        String[] r = run("--help");
        assertThat(r[0]).isEqualTo("0");
        assertThat(r[1]).contains("scan <jar|dir|class path>").contains("status <pid> [--watch]");
        List<Row> expected = Arrays.stream(AgentConfig.Key.values())
                .map(k -> new Row(k.property(), k.defaultText(), k.meaning)).toList();
        assertThat(helpRows(r[1])).containsExactlyElementsOf(expected);
        for (AgentConfig.Key k : AgentConfig.Key.values()) {
            assertThat(r[1]).contains("  " + k.property() + "  (" + k.envVar() + ")  default: ");
        }
        assertThat(run()[1]).as("no arguments is the help").isEqualTo(r[1]);
    }

    @Test
    void theReadmeConfigurationTableIsTheHelpsTable() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        String section = readme.substring(readme.indexOf("\n## Configuration"));
        section = section.substring(0, section.indexOf("\n## ", 1));
        List<Row> readmeRows = new ArrayList<>();
        for (String line : section.split("\n")) {
            Matcher m = README_ROW.matcher(line);
            if (m.matches()) {
                readmeRows.add(new Row(m.group(1), m.group(2).replace("`", ""), m.group(3).replace("`", "")));
            }
        }
        assertThat(readmeRows).containsExactlyElementsOf(helpRows(run("--help")[1]));
    }

    @Test
    void versionIsTheBuildsVersion() {
        String[] r = run("--version");
        assertThat(r[0]).isEqualTo("0");
        assertThat(AgentVersion.get()).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        assertThat(r[1]).isEqualTo("rcrt-localbus-agent " + AgentVersion.get() + System.lineSeparator());
    }

    @Test
    void anUnknownCommandIsExitCodeTwoWithAPointerToTheHelp() {
        String[] r = run("frobnicate");
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[1]).isEmpty();
        assertThat(r[2]).contains("unknown command 'frobnicate'").contains("--help");
    }
}

package org.rcrt.localbus.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GlobListTest {

    @Test
    void starMatchesEverything() {
        GlobList all = GlobList.parse("*");
        assertThat(all.matchesAll()).isTrue();
        assertThat(all.matches("com.acme.Client")).isTrue();
        assertThat(all.matches("Client")).isTrue();
    }

    @Test
    void packageGlobCoversSubPackagesButNotLookalikes() {
        GlobList g = GlobList.parse("com.acme.*");
        assertThat(g.matchesAll()).isFalse();
        assertThat(g.matches("com.acme.Client")).isTrue();
        assertThat(g.matches("com.acme.rcrt.sub.Client")).isTrue();
        assertThat(g.matches("com.acmex.Client")).isFalse();
        assertThat(g.matches("org.com.acme.Client")).isFalse();
        assertThat(g.matches("com.acme")).isFalse();
    }

    @Test
    void dotsAndDollarsAreLiteralAndQuestionMarkIsOneCharacter() {
        GlobList g = GlobList.parse("com.acme.Client?, com.acme.Outer$*");
        assertThat(g.matches("com.acme.Client1")).isTrue();
        assertThat(g.matches("com.acme.Client")).isFalse();
        assertThat(g.matches("com.acme.Client12")).isFalse();
        assertThat(g.matches("com.acme.Outer$Inner")).isTrue();
        assertThat(g.matches("com.acme.OuterXInner")).isFalse();
        assertThat(GlobList.parse("a.b").matches("aXb")).as("'.' is not a regex wildcard").isFalse();
    }

    @Test
    void listIsTrimmedAndOrAcrossEntries() {
        GlobList g = GlobList.parse(" com.a.* ,, com.b.Client ");
        assertThat(g.matches("com.a.X")).isTrue();
        assertThat(g.matches("com.b.Client")).isTrue();
        assertThat(g.matches("com.b.Other")).isFalse();
        assertThat(g).hasToString("com.a.*,com.b.Client");
    }

    @Test
    void emptyListMatchesNothing() {
        GlobList g = GlobList.parse("");
        assertThat(g.matchesAll()).isFalse();
        assertThat(g.matches("com.acme.Client")).isFalse();
    }

    @Test
    void charactersThatCannotBeInAClassNameAreRejected() {
        for (String bad : new String[] {"com/acme/*", "com.acme.[A-Z]*", "com.acme.(x)", "a+b", "a b", "a\\b"}) {
            assertThatThrownBy(() -> GlobList.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not allowed");
        }
    }

    @Test
    void agreesWithTheRegularExpressionOfTheGlob() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(11);
        String alphabet = "ab.$*?";
        for (int i = 0; i < 20_000; i++) {
            String glob = randomText(random, alphabet, 6);
            String name = randomText(random, "ab.$", 8);
            String regex = glob.replace(".", "\\.").replace("$", "\\$").replace("*", ".*").replace("?", ".");
            assertThat(GlobList.matches(glob, name)).as(glob + " ~ " + name).isEqualTo(name.matches(regex));
        }
    }

    private static String randomText(java.util.SplittableRandom random, String alphabet, int maxLength) {
        StringBuilder out = new StringBuilder();
        for (int n = random.nextInt(maxLength + 1); n > 0; n--) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}

package org.rcrt.localbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rcrt.localbus.Selector.Op;

class SelectorTest {

    private static BreadcrumbEvent event(String schema, List<String> tags, Map<String, ?> context) {
        return BreadcrumbEvent.builder()
                .breadcrumbId("bc-1")
                .ownerId("owner-a")
                .schemaName(schema)
                .tags(tags)
                .context(context)
                .build();
    }

    private static BreadcrumbEvent ctx(Map<String, ?> context) {
        return event("s.v1", List.of(), context);
    }

    private static boolean matches(String selectorJson, BreadcrumbEvent e) {
        return Selector.parse(selectorJson).matches(e);
    }

    // ---- fluent and JSON forms ----

    @Test
    void fluentAndJsonFormsAgree() {
        Selector fluent = Selector.builder()
                .schemaName("tool.request.v1")
                .anyTags("a", "b")
                .allTags("tools")
                .contextMatch("$.tool", Op.EQ, "echo")
                .contextMatch("$.n", Op.GT, 3)
                .contextMatch("$.list", Op.CONTAINS_ANY, List.of("x", 2))
                .contextMatch("$.a.b", Op.NE, 1.5)
                .contextMatch("$.t", Op.LT, "2025-01-01")
                .ownerId("owner-a")
                .build();
        String json = "{\"owner_id\":\"owner-a\",\"context_match\":["
                + "{\"path\":\"$.tool\",\"op\":\"eq\",\"value\":\"echo\"},"
                + "{\"op\":\"gt\",\"path\":\"$.n\",\"value\":3},"
                + "{\"path\":\"$.list\",\"op\":\"contains_any\",\"value\":[\"x\",2]},"
                + "{\"path\":\"$.a.b\",\"op\":\"ne\",\"value\":1.5},"
                + "{\"path\":\"$.t\",\"op\":\"lt\",\"value\":\"2025-01-01\"}],"
                + "\"all_tags\":[\"tools\"],\"any_tags\":[\"a\",\"b\"],\"schema_name\":\"tool.request.v1\"}";
        Selector parsed = Selector.parse(json);

        assertThat(parsed).isEqualTo(fluent);
        assertThat(parsed.hashCode()).isEqualTo(fluent.hashCode());
        assertThat(parsed.toJson()).isEqualTo(fluent.toJson());
        assertThat(Selector.parse(fluent.toJson())).isEqualTo(fluent);
        assertThat(Selector.parse(parsed.toJson())).isEqualTo(parsed);
        assertThat(parsed.ownerId()).isEqualTo("owner-a");
        assertThat(fluent.toString()).contains("tool.request.v1");
    }

    @Test
    void toJsonWritesRcrtSelectorShape() {
        Selector s = Selector.builder().schemaName("x.v1").contextEquals("$.k", 1).build();
        assertThat(s.toJson()).isEqualTo(
                "{\"schema_name\":\"x.v1\",\"context_match\":[{\"path\":\"$.k\",\"op\":\"eq\",\"value\":1}]}");
        assertThat(Selector.all().toJson()).isEqualTo("{}");
    }

    @Test
    void emptyFormsAreAll() {
        assertThat(Selector.parse("{}")).isEqualTo(Selector.all());
        assertThat(Selector.builder().build()).isEqualTo(Selector.all());
        assertThat(Selector.parse("{\"schema_name\":null,\"any_tags\":null}")).isEqualTo(Selector.all());
        assertThat(Selector.parse(Selector.all().toJson())).isEqualTo(Selector.all());
    }

    @Test
    void differentSelectorsAreNotEqual() {
        assertThat(Selector.builder().schemaName("a").build()).isNotEqualTo(Selector.builder().schemaName("b").build());
        assertThat(Selector.builder().contextEquals("$.k", 1).build())
                .isNotEqualTo(Selector.builder().contextEquals("$.k", "1").build());
    }

    // ---- matching ----

    @Test
    void allMatchesEverything() {
        assertThat(Selector.all().matches(ctx(Map.of()))).isTrue();
        assertThat(Selector.all().matches(BreadcrumbEvent.builder().breadcrumbId("x").build())).isTrue();
        assertThat(Selector.all().matches(event("any", List.of("t"), Map.of("k", "v")))).isTrue();
    }

    @Test
    void schemaName() {
        Selector s = Selector.builder().schemaName("tool.request.v1").build();
        assertThat(s.matches(event("tool.request.v1", List.of(), Map.of()))).isTrue();
        assertThat(s.matches(event("tool.response.v1", List.of(), Map.of()))).isFalse();
        assertThat(s.matches(event(null, List.of(), Map.of()))).isFalse();
    }

    @Test
    void anyTags() {
        Selector s = Selector.builder().anyTags("a", "b").build();
        assertThat(s.matches(event("s", List.of("b"), Map.of()))).isTrue();
        assertThat(s.matches(event("s", List.of("x", "a"), Map.of()))).isTrue();
        assertThat(s.matches(event("s", List.of("x"), Map.of()))).isFalse();
        assertThat(s.matches(event("s", List.of(), Map.of()))).isFalse();
    }

    @Test
    void allTags() {
        Selector s = Selector.parse("{\"all_tags\":[\"a\",\"b\"]}");
        assertThat(s.matches(event("s", List.of("b", "x", "a"), Map.of()))).isTrue();
        assertThat(s.matches(event("s", List.of("a"), Map.of()))).isFalse();
        assertThat(s.matches(event("s", List.of(), Map.of()))).isFalse();
    }

    @Test
    void everyPartMustMatch() {
        Selector s = Selector.builder().schemaName("s").anyTags("a").allTags("b").contextEquals("$.k", "v").build();
        assertThat(s.matches(event("s", List.of("a", "b"), Map.of("k", "v")))).isTrue();
        assertThat(s.matches(event("t", List.of("a", "b"), Map.of("k", "v")))).isFalse();
        assertThat(s.matches(event("s", List.of("b"), Map.of("k", "v")))).isFalse();
        assertThat(s.matches(event("s", List.of("a"), Map.of("k", "v")))).isFalse();
        assertThat(s.matches(event("s", List.of("a", "b"), Map.of("k", "w")))).isFalse();
    }

    @Test
    void eqComparesJsonValues() {
        assertThat(matches("{\"context_match\":[{\"path\":\"$.tool\",\"op\":\"eq\",\"value\":\"echo\"}]}",
                ctx(Map.of("tool", "echo")))).isTrue();
        assertThat(matches("{\"context_match\":[{\"path\":\"$.tool\",\"op\":\"eq\",\"value\":\"echo\"}]}",
                ctx(Map.of("tool", "other")))).isFalse();
        // 1 and 1.0 are the same JSON number, whichever side holds which
        assertThat(matches("{\"context_match\":[{\"path\":\"$.n\",\"op\":\"eq\",\"value\":1}]}",
                ctx(Map.of("n", 1.0)))).isTrue();
        assertThat(matches("{\"context_match\":[{\"path\":\"$.n\",\"op\":\"eq\",\"value\":1.0}]}",
                ctx(Map.of("n", 1)))).isTrue();
        assertThat(Selector.builder().contextEquals("$.n", 1).build().matches(ctx(Map.of("n", 1L)))).isTrue();
        assertThat(Selector.builder().contextEquals("$.n", 1L).build().matches(ctx(Map.of("n", 1)))).isTrue();
        // a number is not its string form
        assertThat(matches("{\"context_match\":[{\"path\":\"$.n\",\"op\":\"eq\",\"value\":\"1\"}]}",
                ctx(Map.of("n", 1)))).isFalse();
        assertThat(matches("{\"context_match\":[{\"path\":\"$.b\",\"op\":\"eq\",\"value\":true}]}",
                ctx(Map.of("b", true)))).isTrue();
        // structured values compare as a whole
        assertThat(Selector.builder().contextEquals("$.o", Map.of("x", List.of("y"))).build()
                .matches(ctx(Map.of("o", Map.of("x", List.of("y")))))).isTrue();
    }

    @Test
    void eqOnMissingPathIsFalseButMatchesExplicitNull() {
        Selector s = Selector.parse("{\"context_match\":[{\"path\":\"$.k\",\"op\":\"eq\",\"value\":null}]}");
        assertThat(s.matches(ctx(Map.of()))).isFalse();
        Map<String, Object> withNull = new LinkedHashMap<>();
        withNull.put("k", null);
        assertThat(s.matches(ctx(withNull))).isTrue();
        assertThat(Selector.builder().contextEquals("$.k", "v").build().matches(ctx(Map.of()))).isFalse();
    }

    @Test
    void ne() {
        Selector s = Selector.parse("{\"context_match\":[{\"path\":\"$.status\",\"op\":\"ne\",\"value\":\"done\"}]}");
        assertThat(s.matches(ctx(Map.of("status", "running")))).isTrue();
        assertThat(s.matches(ctx(Map.of("status", "done")))).isFalse();
        // a missing path is "not equal"
        assertThat(s.matches(ctx(Map.of()))).isTrue();
        assertThat(s.matches(ctx(Map.of("other", "done")))).isTrue();
        Selector num = Selector.builder().contextMatch("$.n", Op.NE, 1).build();
        assertThat(num.matches(ctx(Map.of("n", 1.0)))).isFalse();
        assertThat(num.matches(ctx(Map.of("n", 2)))).isTrue();
    }

    @Test
    void containsAnyWithArrayAtPath() {
        Selector s = Selector.parse(
                "{\"context_match\":[{\"path\":\"$.labels\",\"op\":\"contains_any\",\"value\":[\"red\",\"blue\",3]}]}");
        assertThat(s.matches(ctx(Map.of("labels", List.of("green", "blue"))))).isTrue();
        assertThat(s.matches(ctx(Map.of("labels", List.of(3.0))))).isTrue();
        assertThat(s.matches(ctx(Map.of("labels", List.of("green"))))).isFalse();
        assertThat(s.matches(ctx(Map.of("labels", List.of())))).isFalse();
        assertThat(s.matches(ctx(Map.of()))).isFalse();
    }

    @Test
    void containsAnyWithScalarAtPath() {
        Selector s = Selector.builder().contextMatch("$.color", Op.CONTAINS_ANY, List.of("red", "blue")).build();
        assertThat(s.matches(ctx(Map.of("color", "blue")))).isTrue();
        assertThat(s.matches(ctx(Map.of("color", "green")))).isFalse();
        assertThat(s.matches(ctx(Map.of("other", "blue")))).isFalse();
        Selector n = Selector.builder().contextMatch("$.n", Op.CONTAINS_ANY, List.of(1, 2)).build();
        assertThat(n.matches(ctx(Map.of("n", 2.0)))).isTrue();
        assertThat(n.matches(ctx(Map.of("n", 3)))).isFalse();
        Selector withNull = Selector.parse(
                "{\"context_match\":[{\"path\":\"$.k\",\"op\":\"contains_any\",\"value\":[null]}]}");
        assertThat(withNull.matches(ctx(Map.of()))).as("missing path never matches").isFalse();
    }

    @Test
    void gtAndLtOnNumbers() {
        Selector gt = Selector.parse("{\"context_match\":[{\"path\":\"$.n\",\"op\":\"gt\",\"value\":10}]}");
        assertThat(gt.matches(ctx(Map.of("n", 11)))).isTrue();
        assertThat(gt.matches(ctx(Map.of("n", 10.5)))).isTrue();
        assertThat(gt.matches(ctx(Map.of("n", 10)))).isFalse();
        assertThat(gt.matches(ctx(Map.of("n", 10.0)))).isFalse();
        assertThat(gt.matches(ctx(Map.of("n", -3)))).isFalse();
        assertThat(gt.matches(ctx(Map.of("n", "11")))).as("string vs number").isFalse();
        assertThat(gt.matches(ctx(Map.of()))).as("missing").isFalse();

        Selector lt = Selector.builder().contextMatch("$.n", Op.LT, 2.5).build();
        assertThat(lt.matches(ctx(Map.of("n", 2)))).isTrue();
        assertThat(lt.matches(ctx(Map.of("n", 2.5)))).isFalse();
        assertThat(lt.matches(ctx(Map.of("n", 3)))).isFalse();
        assertThat(lt.matches(ctx(Map.of("n", new java.math.BigDecimal("-1e400"))))).isTrue();
        assertThat(lt.matches(ctx(Map.of()))).isFalse();
        assertThat(lt.matches(ctx(Map.of("n", List.of(1))))).isFalse();
    }

    @Test
    void gtAndLtOnStrings() {
        Selector after = Selector.builder().contextMatch("$.at", Op.GT, "2025-06-01T00:00:00Z").build();
        assertThat(after.matches(ctx(Map.of("at", "2025-06-02T00:00:00Z")))).isTrue();
        assertThat(after.matches(ctx(Map.of("at", "2025-05-31T23:59:59Z")))).isFalse();
        assertThat(after.matches(ctx(Map.of("at", "2025-06-01T00:00:00Z")))).isFalse();
        assertThat(after.matches(ctx(Map.of("at", 5)))).isFalse();
        Selector before = Selector.parse("{\"context_match\":[{\"path\":\"$.s\",\"op\":\"lt\",\"value\":\"m\"}]}");
        assertThat(before.matches(ctx(Map.of("s", "apple")))).isTrue();
        assertThat(before.matches(ctx(Map.of("s", "zebra")))).isFalse();
        assertThat(before.matches(ctx(Map.of()))).isFalse();
    }

    @Test
    void nestedPaths() {
        Selector s = Selector.parse("{\"context_match\":[{\"path\":\"$.a.b.c\",\"op\":\"eq\",\"value\":\"deep\"}]}");
        assertThat(s.matches(ctx(Map.of("a", Map.of("b", Map.of("c", "deep")))))).isTrue();
        assertThat(s.matches(ctx(Map.of("a", Map.of("b", Map.of("c", "shallow")))))).isFalse();
        assertThat(s.matches(ctx(Map.of("a", Map.of("b", "not a map"))))).isFalse();
        assertThat(s.matches(ctx(Map.of("a", Map.of())))).isFalse();
        assertThat(s.matches(ctx(Map.of("a.b.c", "deep")))).isFalse();
        assertThat(s.matches(ctx(Map.of()))).isFalse();

        Selector ne = Selector.builder().contextMatch("$.a.b", Op.NE, 1).build();
        assertThat(ne.matches(ctx(Map.of("a", "scalar")))).isTrue();
        Selector gt = Selector.builder().contextMatch("$.req.n", Op.GT, 1).build();
        assertThat(gt.matches(ctx(Map.of("req", Map.of("n", 2))))).isTrue();
    }

    @Test
    void severalRulesMustAllMatch() {
        Selector s = Selector.builder()
                .contextEquals("$.tool", "echo")
                .contextMatch("$.n", Op.GT, 1)
                .build();
        assertThat(s.matches(ctx(Map.of("tool", "echo", "n", 2)))).isTrue();
        assertThat(s.matches(ctx(Map.of("tool", "echo", "n", 1)))).isFalse();
        assertThat(s.matches(ctx(Map.of("tool", "x", "n", 2)))).isFalse();
    }

    @Test
    void ownerBinding() {
        Selector bound = Selector.builder().ownerId("owner-a").build();
        assertThat(bound.matches(BreadcrumbEvent.builder().breadcrumbId("x").ownerId("owner-a").build())).isTrue();
        assertThat(bound.matches(BreadcrumbEvent.builder().breadcrumbId("x").ownerId("owner-b").build())).isFalse();
        assertThat(bound.matches(BreadcrumbEvent.builder().breadcrumbId("x").build()))
                .as("unknown owner does not match a bound selector").isFalse();
        Selector unbound = Selector.builder().schemaName("s").build();
        assertThat(unbound.matches(event("s", List.of(), Map.of()))).isTrue();
        assertThat(unbound.matches(BreadcrumbEvent.builder().breadcrumbId("x").schemaName("s").build())).isTrue();
        assertThat(Selector.parse("{\"owner_id\":\"owner-a\",\"schema_name\":\"s\"}")
                .matches(BreadcrumbEvent.builder().breadcrumbId("x").schemaName("s").build())).isFalse();
    }

    @Test
    void ruleValueIsFrozen() {
        List<Object> wanted = new java.util.ArrayList<>(List.of("a"));
        Selector s = Selector.builder().contextMatch("$.k", Op.CONTAINS_ANY, wanted).build();
        wanted.add("b");
        assertThat(s.matches(ctx(Map.of("k", "b")))).isFalse();
        assertThat(s.toJson()).contains("[\"a\"]");
    }

    // ---- malformed selectors ----

    @Test
    void unknownFieldIsNamed() {
        assertThatThrownBy(() -> Selector.parse("{\"schema\":\"x\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown selector field 'schema'");
    }

    @Test
    void badOpIsNamed() {
        assertThatThrownBy(() -> Selector.parse(
                "{\"context_match\":[{\"path\":\"$.a\",\"op\":\"gte\",\"value\":1}]}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("context_match[0]")
                .hasMessageContaining("unknown op 'gte'");
    }

    @Test
    void badPathIsNamed() {
        for (String path : new String[] {"a.b", "$", "$.", "$a", "$.a..b", "$.a.", ""}) {
            String json = "{\"context_match\":[{\"path\":\"" + path + "\",\"op\":\"eq\",\"value\":1}]}";
            assertThatThrownBy(() -> Selector.parse(json))
                    .as(path)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("context_match[0]")
                    .hasMessageContaining("path must look like '$.a.b'")
                    .hasMessageContaining("'" + path + "'");
        }
        assertThatThrownBy(() -> Selector.builder().contextEquals("tool", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("path");
        assertThatThrownBy(() -> Selector.builder().contextEquals(null, "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ruleIndexIsNamed() {
        assertThatThrownBy(() -> Selector.parse("{\"context_match\":["
                + "{\"path\":\"$.a\",\"op\":\"eq\",\"value\":1},"
                + "{\"path\":\"$.b\",\"op\":\"nope\",\"value\":1}]}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("context_match[1]");
    }

    @Test
    void containsAnyNeedsAnArray() {
        assertThatThrownBy(() -> Selector.parse(
                "{\"context_match\":[{\"path\":\"$.a\",\"op\":\"contains_any\",\"value\":\"x\"}]}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("contains_any needs an array");
        assertThatThrownBy(() -> Selector.builder().contextMatch("$.a", Op.CONTAINS_ANY, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("contains_any needs an array");
    }

    @Test
    void gtLtNeedNumberOrString() {
        assertThatThrownBy(() -> Selector.parse(
                "{\"context_match\":[{\"path\":\"$.a\",\"op\":\"gt\",\"value\":true}]}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("op gt needs a number or string");
        assertThatThrownBy(() -> Selector.builder().contextMatch("$.a", Op.LT, List.of(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("op lt needs a number or string");
        assertThatThrownBy(() -> Selector.builder().contextMatch("$.a", null, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("op is missing");
    }

    @Test
    void ruleShapeProblemsAreNamed() {
        assertThatThrownBy(() -> Selector.parse("{\"context_match\":{\"path\":\"$.a\"}}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'context_match' must be an array");
        assertThatThrownBy(() -> Selector.parse("{\"context_match\":[\"$.a\"]}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("context_match[0] must be an object");
        assertThatThrownBy(() -> Selector.parse("{\"context_match\":[{\"path\":\"$.a\",\"value\":1}]}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'path' and 'op'");
        assertThatThrownBy(() -> Selector.parse("{\"context_match\":[{\"path\":\"$.a\",\"op\":\"eq\"}]}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs a 'value'");
    }

    @Test
    void fieldTypeProblemsAreNamed() {
        assertThatThrownBy(() -> Selector.parse("{\"schema_name\":5}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'schema_name' must be a string");
        assertThatThrownBy(() -> Selector.parse("{\"owner_id\":[\"a\"]}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'owner_id' must be a string");
        assertThatThrownBy(() -> Selector.parse("{\"any_tags\":\"a\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'any_tags' must be an array of strings");
        assertThatThrownBy(() -> Selector.parse("{\"all_tags\":[\"a\",1]}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("all_tags");
    }

    @Test
    void nonObjectJsonIsRefused() {
        assertThatThrownBy(() -> Selector.parse("[{\"schema_name\":\"x\"}]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be a JSON object")
                .hasMessageContaining("an array");
        assertThatThrownBy(() -> Selector.parse("\"tool.request.v1\""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be a JSON object")
                .hasMessageContaining("a string");
        assertThatThrownBy(() -> Selector.parse("null"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be a JSON object");
        assertThatThrownBy(() -> Selector.parse("42"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a number");
    }

    @Test
    void invalidJsonIsRefused() {
        assertThatThrownBy(() -> Selector.parse("{\"schema_name\":"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not valid JSON")
                .hasMessageContaining("offset");
        assertThatThrownBy(() -> Selector.parse("{schema_name: 'x'}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> Selector.parse(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void nonFiniteContextNumbersDoNotBreakMatching() {
        // regression: a NaN or infinite double in a hand-built context made matches() (and so publish()) throw
        Selector gt = Selector.builder().contextMatch("$.ratio", Op.GT, 0.5).build();
        Selector lt = Selector.builder().contextMatch("$.ratio", Op.LT, 0.5).build();
        Selector eq = Selector.builder().contextEquals("$.ratio", 1).build();
        BreadcrumbEvent inf = ctx(Map.of("ratio", Double.POSITIVE_INFINITY));
        BreadcrumbEvent negInf = ctx(Map.of("ratio", Double.NEGATIVE_INFINITY));
        BreadcrumbEvent nan = ctx(Map.of("ratio", Double.NaN));
        assertThat(gt.matches(inf)).isTrue();
        assertThat(lt.matches(inf)).isFalse();
        assertThat(lt.matches(negInf)).isTrue();
        assertThat(eq.matches(nan)).isFalse();
        assertThat(eq.matches(inf)).isFalse();
        assertThat(Selector.builder().contextMatch("$.ratio", Op.CONTAINS_ANY, List.of(1, 2)).build().matches(nan)).isFalse();
        assertThat(Selector.builder().contextMatch("$.ratio", Op.NE, 1).build().matches(nan)).isTrue();
        // does not throw, whatever the order NaN is given
        gt.matches(nan);
        lt.matches(nan);
    }
}

package org.rcrt.localbus.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    @SuppressWarnings("unchecked")
    void objectRoundTripKeepsKeyOrderAndTypes() {
        String text = "{\"b\":1,\"a\":[true,false,null],\"c\":{\"d\":\"x\",\"e\":[]},\"f\":{}}";
        Object parsed = Json.parse(text);
        assertThat(parsed).isInstanceOf(Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) parsed;
        assertThat(map).containsOnlyKeys("b", "a", "c", "f");
        assertThat(map.keySet()).containsExactly("b", "a", "c", "f");
        assertThat(map.get("b")).isEqualTo(1L);
        assertThat((List<Object>) map.get("a")).containsExactly(true, false, null);
        assertThat(map.get("c")).isEqualTo(Map.of("d", "x", "e", List.of()));
        assertThat(Json.write(parsed)).isEqualTo(text);
    }

    @Test
    void whitespaceIsAllowedBetweenTokens() {
        Object parsed = Json.parse(" \t\r\n{ \"a\" : [ 1 , 2 ] }\n ");
        assertThat(parsed).isEqualTo(Map.of("a", List.of(1L, 2L)));
    }

    @Test
    void stringEscapesRoundTrip() {
        String original = "quote\" backslash\\ slash/ nl\n cr\r tab\t bs\b ff\f ctl\u0001 nul\u0000";
        String written = Json.write(original);
        assertThat(written).isEqualTo(
                "\"quote\\\" backslash\\\\ slash/ nl\\n cr\\r tab\\t bs\\b ff\\f ctl\\u0001 nul\\u0000\"");
        assertThat(Json.parse(written)).isEqualTo(original);
        assertThat(Json.parse("\"a\\/b\"")).isEqualTo("a/b");
    }

    @Test
    void unicodeEscapesAndRawUnicode() {
        assertThat(Json.parse("\"\\u00e9\\u4e2d\\uD83D\\uDE00\"")).isEqualTo("é中😀");
        assertThat(Json.parse("\"\\u00E9\"")).isEqualTo("é");
        String raw = "héllo 中文 😀";
        assertThat(Json.write(raw)).isEqualTo("\"" + raw + "\"");
        assertThat(Json.parse(Json.write(raw))).isEqualTo(raw);
    }

    @Test
    void integersAreLongsAndBigOnesBigDecimal() {
        assertThat(Json.parse("0")).isEqualTo(0L);
        assertThat(Json.parse("-42")).isEqualTo(-42L);
        assertThat(Json.parse(String.valueOf(Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE);
        assertThat(Json.parse(String.valueOf(Long.MIN_VALUE))).isEqualTo(Long.MIN_VALUE);
        String big = "123456789012345678901234567890";
        assertThat(Json.parse(big)).isEqualTo(new BigDecimal(big));
        assertThat(Json.write(Json.parse(big))).isEqualTo(big);
        String justTooBig = new BigInteger(String.valueOf(Long.MAX_VALUE)).add(BigInteger.ONE).toString();
        assertThat(Json.parse(justTooBig)).isEqualTo(new BigDecimal(justTooBig));
    }

    @Test
    void fractionalNumbersAreDoubles() {
        assertThat(Json.parse("1.5")).isEqualTo(1.5d);
        assertThat(Json.parse("-0.25")).isEqualTo(-0.25d);
        assertThat(Json.parse("1e3")).isEqualTo(1000.0d);
        assertThat(Json.parse("2.5E-3")).isEqualTo(0.0025d);
        assertThat(Json.parse("1.0")).isEqualTo(1.0d);
        // beyond double range: kept exactly rather than turned into Infinity
        assertThat(Json.parse("1e400")).isEqualTo(new BigDecimal("1e400"));
        for (double d : new double[] {0.1, -3.75, 1.0E10, 6.02214076E23, Double.MIN_VALUE, Double.MAX_VALUE}) {
            assertThat(Json.parse(Json.write(d))).isEqualTo(d);
        }
        assertThat(Json.parse(Json.write(new BigDecimal("1e400")))).isEqualTo(new BigDecimal("1e400"));
    }

    @Test
    void nonFiniteDoublesAreWrittenAsNull() {
        assertThat(Json.write(Double.NaN)).isEqualTo("null");
        assertThat(Json.write(Double.POSITIVE_INFINITY)).isEqualTo("null");
    }

    @Test
    void writeHandlesJdkTypes() {
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put("i", 7);
        map.put(3, "numeric key");
        map.put("list", List.of(1L, "two", 3.5));
        map.put("null", null);
        assertThat(Json.write(map)).isEqualTo("{\"i\":7,\"3\":\"numeric key\",\"list\":[1,\"two\",3.5],\"null\":null}");
        assertThat(Json.write(java.time.Duration.ofSeconds(1))).isEqualTo("\"PT1S\"");
    }

    @Test
    void nestedRoundTrip() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("s", "tab\there \"q\" ü");
        doc.put("n", List.of(1L, -2L, 3.25, new BigDecimal("98765432109876543210")));
        doc.put("o", Map.of("deep", List.of(Map.of("x", true))));
        doc.put("z", null);
        assertThat(Json.parse(Json.write(doc))).isEqualTo(doc);
    }

    @Test
    void parsedValuesAreUnmodifiable() {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) Json.parse("{\"a\":[1]}");
        assertThatThrownBy(() -> map.put("b", 1)).isInstanceOf(UnsupportedOperationException.class);
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) map.get("a");
        assertThatThrownBy(() -> list.add(2)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void malformedInputsNameTheOffset() {
        assertMalformed("", 0, "unexpected end of input");
        assertMalformed("   ", 3, "unexpected end of input");
        assertMalformed("{\"a\":1,}", 7, "expected a quoted field name");
        assertMalformed("{\"a\" 1}", 5, "expected ':'");
        assertMalformed("{\"a\":1 \"b\":2}", 7, "expected ',' or '}'");
        assertMalformed("[1,]", 3, "unexpected character");
        assertMalformed("[1 2]", 3, "expected ',' or ']'");
        assertMalformed("[1", 2, "unexpected end of input");
        assertMalformed("\"abc", 4, "unterminated string");
        assertMalformed("\"\\x\"", 3, "bad escape");
        assertMalformed("\"\\u12\"", 3, "\\u escape");
        assertMalformed("\"\\uzzzz\"", 3, "bad \\u escape");
        assertMalformed("tru", 0, "expected 'true'");
        assertMalformed("nul", 0, "expected 'null'");
        assertMalformed("-", 0, "bad number");
        assertMalformed("1.2.3", 0, "bad number");
        assertMalformed("[1, --2]", 4, "bad number");
        assertMalformed("1 2", 2, "unexpected trailing characters");
        assertMalformed("{} x", 3, "unexpected trailing characters");
        assertMalformed("'single'", 0, "unexpected character");
        assertMalformed("{a:1}", 1, "expected a quoted field name");
    }

    @Test
    void nullTextIsRejected() {
        assertThatThrownBy(() -> Json.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertMalformed(String text, int offset, String what) {
        assertThatThrownBy(() -> Json.parse(text))
                .as("parsing %s", text)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("offset " + offset + ":")
                .hasMessageContaining(what);
    }

    @Test
    void depthLimitRefusesHostileNesting() {
        assertThat(Json.parse(nested(256))).isInstanceOf(List.class);
        assertThatThrownBy(() -> Json.parse(nested(258)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nested deeper than 256");
        // far deeper than any stack allows: still an IllegalArgumentException, not a StackOverflowError
        assertThatThrownBy(() -> Json.parse(nested(100_000)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("offset");
        String objects = "{\"a\":".repeat(300) + "1" + "}".repeat(300);
        assertThatThrownBy(() -> Json.parse(objects)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void depthLimitAppliesToWriteAndFreeze() {
        List<Object> deep = new ArrayList<>();
        List<Object> current = deep;
        for (int i = 0; i < 300; i++) {
            List<Object> next = new ArrayList<>();
            current.add(next);
            current = next;
        }
        assertThatThrownBy(() -> Json.write(deep)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Json.freeze(deep)).isInstanceOf(IllegalArgumentException.class);

        Map<String, Object> cyclic = new LinkedHashMap<>();
        cyclic.put("self", cyclic);
        assertThatThrownBy(() -> Json.freeze(cyclic)).isInstanceOf(IllegalArgumentException.class);
    }

    private static String nested(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    @Test
    void freezeMakesDeepUnmodifiableCopies() {
        List<Object> inner = new ArrayList<>(List.of("x"));
        Map<String, Object> innerMap = new LinkedHashMap<>();
        innerMap.put("k", inner);
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("m", innerMap);
        source.put("l", new ArrayList<>(List.of(1, 2)));

        @SuppressWarnings("unchecked")
        Map<String, Object> frozen = (Map<String, Object>) Json.freeze(source);

        inner.add("y");
        innerMap.put("k2", "v");
        source.put("added", true);

        assertThat(frozen).containsOnlyKeys("m", "l");
        assertThat(frozen.get("m")).isEqualTo(Map.of("k", List.of("x")));
        assertThatThrownBy(() -> frozen.put("a", 1)).isInstanceOf(UnsupportedOperationException.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> frozenInner = (Map<String, Object>) frozen.get("m");
        assertThatThrownBy(() -> frozenInner.put("a", 1)).isInstanceOf(UnsupportedOperationException.class);
        @SuppressWarnings("unchecked")
        List<Object> frozenList = (List<Object>) frozenInner.get("k");
        assertThatThrownBy(() -> frozenList.add("z")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void freezeNormalisesNumbers() {
        assertThat(Json.freeze(5)).isEqualTo(5L);
        assertThat(Json.freeze((short) 5)).isEqualTo(5L);
        assertThat(Json.freeze((byte) 5)).isEqualTo(5L);
        assertThat(Json.freeze(5L)).isEqualTo(5L);
        assertThat(Json.freeze(1.5f)).isEqualTo(1.5d);
        assertThat(Json.freeze(BigInteger.valueOf(12))).isEqualTo(12L);
        BigInteger huge = BigInteger.TEN.pow(30);
        assertThat(Json.freeze(huge)).isEqualTo(new BigDecimal(huge));
        assertThat(Json.freeze(List.of(1, 2))).isEqualTo(List.of(1L, 2L));
        assertThat(Json.freeze(Map.of("n", 3))).isEqualTo(Map.of("n", 3L));
        assertThat(Json.freeze(new Object[] {1, "a"})).isEqualTo(List.of(1L, "a"));
        assertThat(Json.freeze(java.util.Set.of("only"))).isEqualTo(List.of("only"));
        assertThat(Json.freeze(java.time.Duration.ofSeconds(2))).isEqualTo("PT2S");
        assertThat(Json.freeze(null)).isNull();
        assertThat(Json.freezeMap(null)).isEmpty();
    }

    @Test
    void jsonEqualsComparesNumbersByValue() {
        assertThat(Json.jsonEquals(1L, 1.0d)).isTrue();
        assertThat(Json.jsonEquals(1, 1L)).isTrue();
        assertThat(Json.jsonEquals(new BigDecimal("2.50"), 2.5d)).isTrue();
        assertThat(Json.jsonEquals(1L, 2L)).isFalse();
        assertThat(Json.jsonEquals(null, null)).isTrue();
        assertThat(Json.jsonEquals(null, 1L)).isFalse();
        assertThat(Json.jsonEquals("1", 1L)).isFalse();
        assertThat(Json.compareNumbers(2L, 10L)).isNegative();
        assertThat(Json.compareNumbers(2.5d, 2L)).isPositive();
        assertThat(Json.compareNumbers(new BigDecimal("1e400"), Long.MAX_VALUE)).isPositive();
    }

    @Test
    void nonFiniteNumbersCompareWithoutThrowing() {
        // regression: these went through new BigDecimal("NaN"/"Infinity") and threw NumberFormatException
        assertThat(Json.compareNumbers(Double.POSITIVE_INFINITY, 10L)).isPositive();
        assertThat(Json.compareNumbers(Double.NEGATIVE_INFINITY, 10L)).isNegative();
        assertThat(Json.compareNumbers(1.5d, Float.POSITIVE_INFINITY)).isNegative();
        assertThat(Json.jsonEquals(Double.NaN, 1L)).isFalse();
        assertThat(Json.jsonEquals(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY)).isTrue();
    }

    @Test
    void anAdoptedArrayMapIsAFrozenMapInItsOrderAndLargeOnesAreLookedUpByIndex() {
        for (int size : new int[] {3, 40}) {
            String[] keys = new String[size + 2]; // spare room: only size entries count
            Object[] values = new Object[size + 2];
            Map<String, Object> expected = new LinkedHashMap<>();
            for (int i = 0; i < size; i++) {
                keys[i] = "k" + (size - i);
                values[i] = i % 2 == 0 ? (Object) (long) i : null;
                expected.put(keys[i], values[i]);
            }
            Map<String, Object> map = Json.adoptFrozen(keys, values, size);
            assertThat(map).isEqualTo(expected).hasSameHashCodeAs(expected);
            assertThat(map.keySet()).containsExactlyElementsOf(expected.keySet());
            assertThat(map.get("k1")).isEqualTo(expected.get("k1"));
            assertThat(map.containsKey("k2")).isTrue();
            assertThat(map.containsKey("nope")).isFalse();
            assertThat(map.get("nope")).isNull();
            assertThat(Json.freeze(map)).isSameAs(map); // recognised as frozen: never copied again
            assertThatThrownBy(() -> map.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> map.entrySet().iterator().next().setValue(1))
                    .isInstanceOf(UnsupportedOperationException.class);
            assertThat(Json.write(map)).isEqualTo(Json.write(expected));
        }
    }
}

package org.example.toolsrunner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class CalculatorToolTest {
    private final CalculatorTool calculator = new CalculatorTool();

    @Test
    void multiplicationBindsTighterThanAddition() throws Exception {
        assertThat(CalculatorTool.evaluate("2+3*4")).isEqualTo(14.0);
        assertThat(CalculatorTool.evaluate("10 - 4 - 3")).isEqualTo(3.0);
        assertThat(CalculatorTool.evaluate("8/4/2")).isEqualTo(1.0);
    }

    @Test
    void parenthesesUnaryMinusAndDecimals() throws Exception {
        assertThat(CalculatorTool.evaluate("(2+3)*4")).isEqualTo(20.0);
        assertThat(CalculatorTool.evaluate("-(1.5 + 0.5) * -3")).isEqualTo(6.0);
        assertThat(CalculatorTool.evaluate("1/3")).isCloseTo(0.3333, within(1e-4));
    }

    @Test
    void badExpressionsAreToolErrors() {
        assertThatThrownBy(() -> CalculatorTool.evaluate("2+")).isInstanceOf(Tool.ToolException.class);
        assertThatThrownBy(() -> CalculatorTool.evaluate("(2+3")).isInstanceOf(Tool.ToolException.class);
        assertThatThrownBy(() -> CalculatorTool.evaluate("2 $ 3")).isInstanceOf(Tool.ToolException.class);
        assertThatThrownBy(() -> CalculatorTool.evaluate("1/0")).hasMessageContaining("division by zero");
    }

    @Test
    void acceptsAStringAnExpressionFieldOrOperands() throws Exception {
        assertThat(calculator.run(TextNode.valueOf("2+3*4")).asLong()).isEqualTo(14);
        assertThat(calculator.run(json("{\"expression\":\"7*6\"}")).asLong()).isEqualTo(42);
        assertThat(calculator.run(json("{\"a\":6,\"b\":7,\"op\":\"*\"}")).asLong()).isEqualTo(42);
        assertThat(calculator.run(json("{\"a\":1,\"b\":2,\"op\":\"div\"}")).asDouble()).isEqualTo(0.5);
    }

    @Test
    void wholeResultsAreIntegers() throws Exception {
        assertThat(calculator.run(TextNode.valueOf("4/2")).isIntegralNumber()).isTrue();
        assertThat(calculator.run(TextNode.valueOf("5/2")).isIntegralNumber()).isFalse();
    }

    @Test
    void inputWithoutAnythingToComputeIsRefused() {
        assertThatThrownBy(() -> calculator.run(json("{\"op\":\"+\"}"))).isInstanceOf(Tool.ToolException.class);
        assertThatThrownBy(() -> calculator.run(json("{\"a\":1,\"b\":2,\"op\":\"%\"}"))).hasMessageContaining("unknown operator");
    }

    private static JsonNode json(String text) throws Exception {
        return Json.MAPPER.readTree(text);
    }
}

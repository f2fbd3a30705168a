package org.example.toolsrunner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;

/**
 * Arithmetic: either an expression ({@code "2+3*4"}, or {@code {"expression": "(1+2)/4"}}) with
 * + - * /, parentheses and unary minus, or {@code {"a": 6, "b": 7, "op": "*"}}.
 */
public final class CalculatorTool implements Tool {
    @Override
    public String name() {
        return "calculator";
    }

    @Override
    public JsonNode run(JsonNode input) throws ToolException {
        double value;
        if (input.isTextual()) {
            value = evaluate(input.asText());
        } else if (input.hasNonNull("expression")) {
            value = evaluate(input.get("expression").asText());
        } else if (input.hasNonNull("a") && input.hasNonNull("b")) {
            value = apply(input.get("a").asDouble(), operator(input.path("op").asText("+")), input.get("b").asDouble());
        } else {
            throw new ToolException("calculator needs an expression or {a, b, op}");
        }
        return asNumberNode(value);
    }

    /** Evaluates an arithmetic expression with the usual precedence. */
    public static double evaluate(String expression) throws ToolException {
        Parser parser = new Parser(expression);
        double value = parser.expression();
        parser.skipSpaces();
        if (!parser.atEnd()) {
            throw new ToolException("unexpected '" + parser.peek() + "' at position " + parser.position + " in: " + expression);
        }
        return value;
    }

    private static JsonNode asNumberNode(double value) {
        boolean whole = value == Math.rint(value) && !Double.isInfinite(value) && Math.abs(value) < 1e15;
        return whole ? LongNode.valueOf((long) value) : DoubleNode.valueOf(value);
    }

    private static char operator(String op) throws ToolException {
        return switch (op) {
            case "+", "add" -> '+';
            case "-", "sub", "subtract" -> '-';
            case "*", "mul", "multiply" -> '*';
            case "/", "div", "divide" -> '/';
            default -> throw new ToolException("unknown operator: " + op);
        };
    }

    private static double apply(double left, char op, double right) throws ToolException {
        switch (op) {
            case '+': return left + right;
            case '-': return left - right;
            case '*': return left * right;
            default:
                if (right == 0) {
                    throw new ToolException("division by zero");
                }
                return left / right;
        }
    }

    /** Recursive descent: expression = term {(+|-) term}; term = factor {(*|/) factor}; factor = -factor | number | (expression). */
    private static final class Parser {
        private final String text;
        private int position;

        Parser(String text) {
            this.text = text;
        }

        double expression() throws ToolException {
            double value = term();
            while (true) {
                skipSpaces();
                if (!atEnd() && (peek() == '+' || peek() == '-')) {
                    char op = text.charAt(position++);
                    value = apply(value, op, term());
                } else {
                    return value;
                }
            }
        }

        private double term() throws ToolException {
            double value = factor();
            while (true) {
                skipSpaces();
                if (!atEnd() && (peek() == '*' || peek() == '/')) {
                    char op = text.charAt(position++);
                    value = apply(value, op, factor());
                } else {
                    return value;
                }
            }
        }

        private double factor() throws ToolException {
            skipSpaces();
            if (atEnd()) {
                throw new ToolException("expression ends too early: " + text);
            }
            char c = peek();
            if (c == '-') {
                position++;
                return -factor();
            }
            if (c == '(') {
                position++;
                double value = expression();
                skipSpaces();
                if (atEnd() || peek() != ')') {
                    throw new ToolException("missing ')' in: " + text);
                }
                position++;
                return value;
            }
            int start = position;
            while (!atEnd() && (Character.isDigit(peek()) || peek() == '.')) {
                position++;
            }
            if (start == position) {
                throw new ToolException("unexpected '" + c + "' at position " + start + " in: " + text);
            }
            try {
                return Double.parseDouble(text.substring(start, position));
            } catch (NumberFormatException e) {
                throw new ToolException("bad number '" + text.substring(start, position) + "' in: " + text);
            }
        }

        void skipSpaces() {
            while (!atEnd() && Character.isWhitespace(peek())) {
                position++;
            }
        }

        boolean atEnd() {
            return position >= text.length();
        }

        char peek() {
            return text.charAt(position);
        }
    }
}

package org.example.toolsrunner;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventCriteriaTest {

    private static ReceivedEvent event(String breadcrumbJson) throws Exception {
        JsonNode breadcrumb = Json.MAPPER.readTree(breadcrumbJson.replace('\'', '"'));
        return new ReceivedEvent(Json.MAPPER.createObjectNode(), breadcrumb, EventBridge.LANE_SSE, 0);
    }

    private final ReceivedEvent response;

    EventCriteriaTest() throws Exception {
        response = event("{'id':'b1','schema_name':'tool.response.v1','tags':['tool:response','tool:echo'],"
                + "'context':{'request_id':'req-1','result':{'value':5,'unit':'kg'},'tool':'echo'}}");
    }

    @Test
    void emptyCriteriaMatchEverything() {
        assertThat(EventCriteria.any().matches(response)).isTrue();
    }

    @Test
    void schemaNameMustBeEqual() {
        assertThat(EventCriteria.schema("tool.response.v1").matches(response)).isTrue();
        assertThat(EventCriteria.schema("tool.request.v1").matches(response)).isFalse();
    }

    @Test
    void requestIdComesFromContextRequestIdOrRequestId() throws Exception {
        assertThat(EventCriteria.any().withRequestId("req-1").matches(response)).isTrue();
        assertThat(EventCriteria.any().withRequestId("req-2").matches(response)).isFalse();

        ReceivedEvent camelCase = event("{'schema_name':'x','context':{'requestId':'req-9'}}");
        assertThat(EventCriteria.any().withRequestId("req-9").matches(camelCase)).isTrue();
    }

    @Test
    void allTagsMustBePresent() {
        assertThat(EventCriteria.any().withAllTags("tool:response").matches(response)).isTrue();
        assertThat(EventCriteria.any().withAllTags("tool:response", "tool:echo").matches(response)).isTrue();
        assertThat(EventCriteria.any().withAllTags("tool:response", "tool:random").matches(response)).isFalse();
    }

    @Test
    void contextMatchFollowsDottedPathsAndComparesValues() {
        assertThat(EventCriteria.any().withContextMatch("$.tool", "echo").matches(response)).isTrue();
        assertThat(EventCriteria.any().withContextMatch("$.result.unit", "kg").matches(response)).isTrue();
        assertThat(EventCriteria.any().withContextMatch("$.result.value", 5).matches(response)).isTrue();
        assertThat(EventCriteria.any().withContextMatch("$.result.value", 5.0).matches(response)).isTrue();
        assertThat(EventCriteria.any().withContextMatch("$.result.value", "5").matches(response)).isFalse();
        assertThat(EventCriteria.any().withContextMatch("$.result.missing", "kg").matches(response)).isFalse();
        assertThat(EventCriteria.any().withContextMatch("$.tool.deeper", "echo").matches(response)).isFalse();
    }

    @Test
    void allPartsMustHoldTogether() {
        EventCriteria criteria = EventCriteria.schema("tool.response.v1").withRequestId("req-1")
                .withAllTags("tool:echo").withContextMatch("$.tool", "echo");
        assertThat(criteria.matches(response)).isTrue();
        assertThat(criteria.withContextMatch("$.tool", "random").matches(response)).isFalse();
    }

    @Test
    void eventFieldsStandInWhenTheBreadcrumbLacksThem() throws Exception {
        JsonNode ssePayload = Json.MAPPER.readTree(
                "{\"type\":\"breadcrumb.updated\",\"breadcrumb_id\":\"b2\",\"schema_name\":\"tool.request.v1\","
                        + "\"tags\":[\"a\"],\"context\":{\"request_id\":\"r\"}}");
        ReceivedEvent onlyEvent = new ReceivedEvent(ssePayload, null, EventBridge.LANE_SSE, 0);
        assertThat(EventCriteria.schema("tool.request.v1").withRequestId("r").withAllTags("a").matches(onlyEvent)).isTrue();
        assertThat(onlyEvent.breadcrumbId()).isEqualTo("b2");
    }

    @Test
    void pathsMustStartAtTheContextRoot() {
        assertThatThrownBy(() -> EventCriteria.any().withContextMatch("tool", "echo"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

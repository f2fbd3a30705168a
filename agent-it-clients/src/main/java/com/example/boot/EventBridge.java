package com.example.boot;

import com.example.clients.Report;
import org.springframework.stereotype.Component;

/**
 * Where the application wants RCRT events: with {@code -Drcrt.localbus.sink=com.example.boot.EventBridge#handleEvent}
 * the agent calls it for each local event, as the application's SSE reader would for each SSE event.
 */
@Component
public class EventBridge {
    private final Report report = new Report();

    public void handleEvent(String eventJson) {
        report.event(eventJson);
    }

    Report report() {
        return report;
    }
}

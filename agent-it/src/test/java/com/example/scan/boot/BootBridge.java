package com.example.scan.boot;

/** The application's event consumer, to be named as the sink. */
public class BootBridge {
    public void handleEvent(String eventJson) {
        eventJson.length();
    }
}

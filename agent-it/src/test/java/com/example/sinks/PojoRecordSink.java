package com.example.sinks;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** {@code handleEvent(ToolEvent event, ToolCrumb breadcrumb)}: a POJO and a record of the application. */
public class PojoRecordSink {
    public static final List<Object[]> CALLS = new CopyOnWriteArrayList<>();

    public void handleEvent(ToolEvent event, ToolCrumb breadcrumb) {
        CALLS.add(new Object[] {event, breadcrumb});
    }
}

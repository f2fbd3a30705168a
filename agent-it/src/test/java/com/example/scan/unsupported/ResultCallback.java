package com.example.scan.unsupported;

/** The callback of {@link CallbackClient}. */
public interface ResultCallback {
    void onResult(String id);
}

package org.example.toolsrunner;

/** An RCRT call that failed: a non-2xx answer ({@link #status()}), or no answer at all (status -1). */
public class RcrtApiException extends RuntimeException {
    private final int status;

    public RcrtApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    public RcrtApiException(String message, Throwable cause) {
        super(message, cause);
        this.status = -1;
    }

    public int status() {
        return status;
    }
}

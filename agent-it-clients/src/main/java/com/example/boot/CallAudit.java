package com.example.boot;

import java.util.concurrent.atomic.AtomicInteger;
import org.aspectj.lang.ProceedingJoinPoint;
import org.aspectj.lang.annotation.Around;
import org.aspectj.lang.annotation.Aspect;
import org.springframework.stereotype.Component;

/** A typical cross-cutting aspect on the RCRT client; its only effect here is that the bean becomes a CGLIB proxy. */
@Aspect
@Component
class CallAudit {
    private final AtomicInteger calls = new AtomicInteger();

    @Around("execution(* com.example.gen.restclient.api.DefaultApi.breadcrumbs*(..))")
    Object audit(ProceedingJoinPoint call) throws Throwable {
        calls.incrementAndGet();
        return call.proceed();
    }
}

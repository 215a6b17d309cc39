package io.pgdbm.spring.test;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Map;
import java.util.Optional;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** Runs fixture test classes (static nested classes, which Surefire does not run itself) through the Jupiter engine. */
final class Engine {

    private Engine() {
    }

    static EngineExecutionResults run(Class<?> fixture, Map<String, String> parameters) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture)).configurationParameters(parameters)
                .execute();
    }

    /** The innermost cause's message of a failed event. */
    static String rootMessage(Event failed) {
        Optional<Throwable> thrown = failed.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable);
        Throwable t = thrown.orElseThrow();
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}

package dev.telemetrykit.picocli;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a Picocli option whose <em>values</em> may be recorded, because they come from a small set
 * that reveals nothing about the user (a build target, a region, an output format).
 *
 * <p>By default telemetry records only the names of the options a user gave, never their values.
 * Enum-typed options are recorded with their values without this marker, since their values
 * come from a closed set. Values are cut to 100 characters.
 *
 * <pre>{@code
 * @TelemetrySafe
 * @Option(names = "--region") String region;
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface TelemetrySafe {}

package dev.steadfast.spi;

/**
 * Supplies a named {@link Clock}, found with {@link java.util.ServiceLoader} under
 * {@code META-INF/services/dev.steadfast.spi.ClockProvider}; for example a clock kept in step with a time service.
 * The core uses {@link Clock#system()} unless told otherwise.
 */
public interface ClockProvider {

    /** The name the clock is selected by, for example {@code "system"}. */
    String name();

    /** The clock; may return the same instance every time. */
    Clock clock();
}

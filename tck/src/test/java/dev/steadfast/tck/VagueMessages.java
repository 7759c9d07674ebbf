package dev.steadfast.tck;

import dev.steadfast.spi.Store;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * A correct store whose bad-input exceptions say only that something is wrong: the right exception type, a
 * non-blank message, and no word of which argument or value it refused.
 */
final class VagueMessages {
    private VagueMessages() {
    }

    static Store wrap(Store delegate) {
        InvocationHandler handler = (proxy, method, args) -> {
            try {
                return method.invoke(delegate, args);
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                if (cause instanceof NullPointerException) {
                    throw new NullPointerException("a required argument is missing");
                }
                if (cause instanceof IllegalArgumentException) {
                    throw new IllegalArgumentException("invalid argument");
                }
                throw cause;
            }
        };
        return (Store) Proxy.newProxyInstance(Store.class.getClassLoader(), new Class<?>[] {Store.class}, handler);
    }
}

package dev.steadfast.tck;

import dev.steadfast.spi.Store;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * Wraps a store so that it keeps every default method of {@link Store} ({@code applyAll} and the short read
 * forms), the way a backend that implements only the abstract methods does; {@link ForwardingStore} cannot, as it
 * forwards the defaults too.
 */
final class DefaultApplyAll {
    private DefaultApplyAll() {
    }

    static Store wrap(Store delegate) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            try {
                return method.invoke(delegate, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (Store) Proxy.newProxyInstance(Store.class.getClassLoader(), new Class<?>[] {Store.class}, handler);
    }
}

package dev.steadfast.tck;

import dev.steadfast.spi.Store;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * Views a store as one that keeps every default method of {@link Store} ({@code applyAll}, the short read forms,
 * {@code storageBytes}, {@code reclaimSpace}, {@code monitor}), the way a backend that implements only the abstract
 * methods does, with each abstract method answered by the store given. {@link ForwardingStore} cannot serve: it
 * forwards the defaults too, and a subclass cannot reach {@code Store}'s default past its override.
 */
final class DefaultMethods {
    private DefaultMethods() {
    }

    /**
     * @param store answers the abstract methods, and sees the defaults' calls to them
     * @return a store whose default methods are {@link Store}'s own
     */
    static Store over(Store store) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            try {
                return method.invoke(store, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (Store) Proxy.newProxyInstance(Store.class.getClassLoader(), new Class<?>[] {Store.class}, handler);
    }
}

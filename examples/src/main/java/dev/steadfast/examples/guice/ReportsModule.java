package dev.steadfast.examples.guice;

import com.google.inject.AbstractModule;
import com.google.inject.name.Names;
import com.google.inject.util.Modules;
import dev.steadfast.SteadfastModule;
import dev.steadfast.fence.FenceTokens;

/**
 * Wires the application: {@link SteadfastModule} on the configured store, keyed fence tokens instead of its
 * unkeyed default, and this node's name. Nothing else knows which backend is in use.
 */
public final class ReportsModule extends AbstractModule {
    private final ReportsConfig config;

    /** The application wired by {@code config}. */
    public ReportsModule(ReportsConfig config) {
        this.config = config;
    }

    @Override
    protected void configure() {
        install(Modules.override(new SteadfastModule(config.store()))
                .with(b -> b.bind(FenceTokens.class).toInstance(FenceTokens.hmac(config.tokenSecret()))));
        bindConstant().annotatedWith(Names.named("node")).to(config.node());
    }
}

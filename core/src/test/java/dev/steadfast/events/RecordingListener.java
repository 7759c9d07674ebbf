package dev.steadfast.events;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every event it is told, in order; for tests. */
final class RecordingListener implements SteadfastListener {
    private final List<SteadfastEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void onEvent(SteadfastEvent event) {
        events.add(event);
    }

    <T extends SteadfastEvent> List<T> of(Class<T> kind) {
        return events.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    List<WriteOutcome> outcomes() {
        return of(SteadfastEvent.BatchWritten.class).stream().map(SteadfastEvent.BatchWritten::outcome).toList();
    }

    List<TakeoverResult> takeovers() {
        return of(SteadfastEvent.TakeoverJudged.class).stream().map(SteadfastEvent.TakeoverJudged::result).toList();
    }

    void clear() {
        events.clear();
    }
}

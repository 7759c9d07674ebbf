package dev.steadfast.events;

/** How a claim of a fence or lease was judged; see {@link SteadfastEvent.TakeoverJudged}. */
public enum TakeoverResult {
    /** The claim was granted (a new epoch, or an idempotent re-claim). */
    GRANTED,
    /** The epoch asked for is below the stored one. */
    STALE_OWNER,
    /** Another owner holds the epoch asked for. */
    SPLIT_BRAIN,
    /** The token does not prove the claim. */
    INVALID_TOKEN,
    /** Another claim was written between read and compare-and-set. */
    LOST_RACE,
    /** Another owner's lease still runs. */
    LEASE_HELD,
    /** Refused for another reason (the holder was superseded, or its lease had ended). */
    OTHER
}

/** Steadfast's events as Micrometer meters: see {@link dev.steadfast.micrometer.SteadfastMetrics}. */
package dev.steadfast.micrometer;

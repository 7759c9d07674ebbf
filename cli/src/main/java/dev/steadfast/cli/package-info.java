/**
 * The {@code steadfast} command: {@code demo}, {@code inspect} and {@code verify}, built with picocli and shipped
 * as one runnable jar. Only {@link dev.steadfast.cli.SteadfastCommand} is public; each subcommand is a small
 * package-private class, and every store is reached through its URI and the SPI's read API.
 */
package dev.steadfast.cli;

/**
 * JMH micro-benchmarks ({@code chorus bench micro}): the codec, version vectors and contexts, and a
 * replica's sibling and storage operations without I/O. JMH (GPLv2 with the classpath exception)
 * stays in this module, never in the product's jars. Each class carries short default settings.
 */
package io.chorus.bench.micro;

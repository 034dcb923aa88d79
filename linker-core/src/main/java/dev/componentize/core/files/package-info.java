/**
 * The file-system kit shared by the core and the plugin: the user's cache root, atomic writes,
 * recursive deletes, SHA-256 of contents, the fixed file times of what the build writes.
 */
package dev.componentize.core.files;

/**
 * The trees the build lays out in its work directory for the build-time run to see: the copy of the
 * app's sources ({@code AppSources}) and the one site-packages directory the wheels share ({@code
 * SitePackages}).
 */
package dev.componentize.core.workdir;

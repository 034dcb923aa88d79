/**
 * Python packages named by the project, resolved from a package index for the component's runtime,
 * locked and cached.
 *
 * <ul>
 *   <li>{@link dev.componentize.core.packages.Requirement} (PEP 508, with {@link
 *       dev.componentize.core.packages.Marker} evaluated for {@link
 *       dev.componentize.core.packages.TargetEnvironment}), {@link
 *       dev.componentize.core.packages.Version} and {@link
 *       dev.componentize.core.packages.SpecifierSet} (PEP 440).
 *   <li>The simple repository API: JSON (PEP 691) first, HTML (PEP 503) as fallback, yanked files
 *       (PEP 592), {@code Requires-Python}, and the metadata files of PEP 658/714 when offered;
 *       {@link dev.componentize.core.packages.IndexHttp} bounds every answer and follows redirects
 *       only within one origin.
 *   <li>{@link dev.componentize.core.packages.Resolver}: the newest compatible release per
 *       distribution, wheels chosen by the runtime's tags ({@code wheel.TagCompatibility}),
 *       restarting when a later requirement rules out a choice, conflicts naming every requirer.
 *   <li>{@link dev.componentize.core.packages.PyLock}: {@code pylock.toml} (PEP 751), read and
 *       written; {@link dev.componentize.core.packages.PackageCache}: files keyed by sha256,
 *       verified on every read.
 * </ul>
 *
 * <p>Not covered: building wheels from source distributions (PEP 517) — a package without a
 * suitable wheel fails naming its files; direct URL requirements; hashes other than sha256; local
 * ({@code path}) entries and sdists in lock files.
 */
package dev.componentize.core.packages;

package dev.componentize.core.wheel;

import dev.componentize.core.ComponentizeException;
import java.util.Optional;

/**
 * A wheel was refused. The message always starts with the wheel's file name, then the archive entry
 * concerned (when there is one), then what is wrong and how to fix it, so it can be shown to a user
 * as is.
 */
public final class WheelException extends ComponentizeException {
  private static final long serialVersionUID = 1L;

  private final String wheel;
  private final String entry;
  private WheelLimits.Limit limit;

  /**
   * @param wheel the wheel's file name (not the full path: the message stays readable)
   * @param entry the archive entry concerned, or {@code null} when the problem is the whole wheel
   * @param problem what is wrong and how to fix it
   */
  public WheelException(String wheel, String entry, String problem) {
    super(entry == null ? wheel + ": " + problem : wheel + ": " + entry + ": " + problem);
    this.wheel = wheel;
    this.entry = entry;
  }

  /** Same as {@link #WheelException(String, String, String)} with the I/O failure behind it. */
  public WheelException(String wheel, String entry, String problem, Throwable cause) {
    this(wheel, entry, problem);
    initCause(cause);
  }

  /**
   * A wheel over one of the unpacking limits; {@code problem} ends with the advice to raise it, so
   * that a caller can add where that limit is set.
   */
  static WheelException overLimit(
      String wheel, String entry, String problem, WheelLimits.Limit limit) {
    WheelException e = new WheelException(wheel, entry, problem);
    e.limit = limit;
    return e;
  }

  /** The unpacking limit the wheel exceeded, if that is the problem. */
  public Optional<WheelLimits.Limit> limit() {
    return Optional.ofNullable(limit);
  }

  /** The wheel's file name. */
  public String wheel() {
    return wheel;
  }

  /** The archive entry the problem is in, if it is about one entry. */
  public Optional<String> entry() {
    return Optional.ofNullable(entry);
  }
}

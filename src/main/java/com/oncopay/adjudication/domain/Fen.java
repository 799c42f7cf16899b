package com.oncopay.adjudication.domain;

/** An amount of money in integer fen (0.01 yuan); arithmetic fails on overflow instead of wrapping. */
public record Fen(long value) {
    public static final Fen ZERO = new Fen(0);

    public static Fen of(long fen) {
        return new Fen(fen);
    }

    public Fen plus(Fen other) {
        return new Fen(Math.addExact(value, other.value));
    }

    public Fen minus(Fen other) {
        return new Fen(Math.subtractExact(value, other.value));
    }

    public Fen negate() {
        return new Fen(Math.negateExact(value));
    }

    /** At least zero. */
    public Fen atLeastZero() {
        return value < 0 ? ZERO : this;
    }
}

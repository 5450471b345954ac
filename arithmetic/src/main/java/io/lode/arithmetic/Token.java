package io.lode.arithmetic;

/** One piece of an arithmetic task: a number, an operator or a parenthesis. */
record Token(Kind kind, String text) {

    enum Kind { NUMBER, PLUS, MINUS, TIMES, DIVIDE, POWER, OPEN, CLOSE }

    static Token of(Kind kind) {
        return new Token(kind, kind.name());
    }
}

"""cardgen: one massage routine as data, built into a step-card deck and a take-home booklet."""

__version__ = "0.1.0"

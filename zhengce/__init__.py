"""zhengce: Chinese policy documents in, machine-readable rules out."""

__version__ = "0.1.0"

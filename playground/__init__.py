"""MLP Playground: see how multilayer perceptrons train."""

from __future__ import annotations

import os

__version__ = "0.1.0"

# One BLAS thread, unless the user asks for more. The playground's matrices are small
# (a mini-batch by a few units, a 200x200 grid by a few units): a pool of threads per
# core does not speed them up, but it multiplies the threads that the training worker
# and the window already share the cores with, and on many-core machines it makes two
# threads calling BLAS at once wait on each other. Setting the variables only works
# before NumPy is first imported, which importing this package normally precedes.
for _variable in ("OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "OMP_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")
del _variable

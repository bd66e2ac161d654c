"""Texts the window shows from the core's tables, for pyside6-lupdate only.

Written by scripts/update_translations.sh (playground.app.i18n.write_table_texts);
do not edit. Nothing imports this file.
"""

# ruff: noqa: E501
from PySide6.QtCore import QT_TRANSLATE_NOOP

TEXTS = (
    QT_TRANSLATE_NOOP(
        "views",
        "Loss",
    ),
    QT_TRANSLATE_NOOP(
        "views",
        "Gradients",
    ),
    QT_TRANSLATE_NOOP(
        "views",
        "Compared Runs",
    ),
    QT_TRANSLATE_NOOP(
        "views",
        "Comparison",
    ),
    QT_TRANSLATE_NOOP(
        "views",
        "Activation Gallery",
    ),
    QT_TRANSLATE_NOOP(
        "views",
        "Results",
    ),
    QT_TRANSLATE_NOOP(
        "views",
        "Backprop Inspector",
    ),
    QT_TRANSLATE_NOOP(
        "views",
        "Gradient Lens",
    ),
    QT_TRANSLATE_NOOP(
        "views",
        "Activation Lens",
    ),
    QT_TRANSLATE_NOOP(
        "views",
        "Hidden Space",
    ),
    QT_TRANSLATE_NOOP(
        "settings",
        "The inputs computed from each point (x1, x2, x1², sin x1, ...).",
    ),
    QT_TRANSLATE_NOOP(
        "settings",
        "Units in each hidden layer, first to last (none for a linear model).",
    ),
    QT_TRANSLATE_NOOP(
        "settings",
        "The function each hidden layer applies, one per layer.",
    ),
    QT_TRANSLATE_NOOP(
        "settings",
        "What the network predicts: two classes, up to eight, or a number.",
    ),
    QT_TRANSLATE_NOOP(
        "settings",
        "Classes the output layer tells apart (2 for binary; ignored for regression).",
    ),
    QT_TRANSLATE_NOOP(
        "settings",
        "What training minimises; it fixes the output activation.",
    ),
    QT_TRANSLATE_NOOP(
        "settings",
        "How the first weights are drawn.",
    ),
    QT_TRANSLATE_NOOP(
        "settings",
        "The value every bias starts from.",
    ),
    QT_TRANSLATE_NOOP(
        "settings",
        "Seed of the first weights and of the mini-batch order.",
    ),
    QT_TRANSLATE_NOOP(
        "settings",
        "How gradients become weight changes.",
    ),
    QT_TRANSLATE_NOOP(
        "settings",
        "Step size of each weight change.",
    ),
    QT_TRANSLATE_NOOP(
        "settings",
        "Points per weight change (at most the training points).",
    ),
    QT_TRANSLATE_NOOP(
        "settings",
        "Pulls every weight towards zero by a constant amount (not the biases).",
    ),
    QT_TRANSLATE_NOOP(
        "settings",
        "Shrinks every weight in proportion to its size (not the biases).",
    ),
    QT_TRANSLATE_NOOP(
        "settings",
        "Share of the last step kept in the next (momentum optimizer).",
    ),
    QT_TRANSLATE_NOOP(
        "settings",
        "Nesterov's variant of momentum: the gradient is taken a step ahead.",
    ),
    QT_TRANSLATE_NOOP(
        "options",
        "sgd",
    ),
    QT_TRANSLATE_NOOP(
        "options",
        "momentum",
    ),
    QT_TRANSLATE_NOOP(
        "options",
        "rmsprop",
    ),
    QT_TRANSLATE_NOOP(
        "options",
        "adam",
    ),
    QT_TRANSLATE_NOOP(
        "options",
        "zeros",
    ),
    QT_TRANSLATE_NOOP(
        "options",
        "small normal",
    ),
    QT_TRANSLATE_NOOP(
        "options",
        "xavier uniform",
    ),
    QT_TRANSLATE_NOOP(
        "options",
        "xavier normal",
    ),
    QT_TRANSLATE_NOOP(
        "options",
        "he normal",
    ),
    QT_TRANSLATE_NOOP(
        "options",
        "he uniform",
    ),
    QT_TRANSLATE_NOOP(
        "options",
        "binary cross entropy",
    ),
    QT_TRANSLATE_NOOP(
        "options",
        "cross entropy",
    ),
    QT_TRANSLATE_NOOP(
        "options",
        "mse",
    ),
    QT_TRANSLATE_NOOP(
        "options",
        "tanh mse",
    ),
    QT_TRANSLATE_NOOP(
        "presets",
        "Circle",
    ),
    QT_TRANSLATE_NOOP(
        "presets",
        "Class 1: disc of radius 2.5; class 0: ring 3.5..5. Noise jitters by ±5·noise.",
    ),
    QT_TRANSLATE_NOOP(
        "presets",
        "Xor",
    ),
    QT_TRANSLATE_NOOP(
        "presets",
        "Class 1 where x1·x2 > 0; |xi| in 0.3..5.3. Noise jitters by ±5·noise.",
    ),
    QT_TRANSLATE_NOOP(
        "presets",
        "Gaussian",
    ),
    QT_TRANSLATE_NOOP(
        "presets",
        "Blobs at (2, 2) (class 1) and (-2, -2); variance 0.5 + 7·noise (4 at noise 0.5).",
    ),
    QT_TRANSLATE_NOOP(
        "presets",
        "Spiral",
    ),
    QT_TRANSLATE_NOOP(
        "presets",
        "One class per arm, 1.75 turns out to radius 5. Noise jitters by ±noise.",
    ),
    QT_TRANSLATE_NOOP(
        "presets",
        "Arms",
    ),
    QT_TRANSLATE_NOOP(
        "presets",
        "Moons",
    ),
    QT_TRANSLATE_NOOP(
        "presets",
        "scikit-learn's two moons (class 0 on top), centred and scaled by 3. Noise adds Gaussian jitter of standard deviation 1.5·noise.",
    ),
    QT_TRANSLATE_NOOP(
        "presets",
        "Checkerboard",
    ),
    QT_TRANSLATE_NOOP(
        "presets",
        "4x4 board of 3x3 cells over [-6, 6]^2, 0.15 margins. Noise jitters by ±3·noise.",
    ),
    QT_TRANSLATE_NOOP(
        "presets",
        "Plane",
    ),
    QT_TRANSLATE_NOOP(
        "presets",
        "Target (x1 + x2) / 10 on [-6, 6]^2; noise shifts where it is read by ±6·noise.",
    ),
    QT_TRANSLATE_NOOP(
        "presets",
        "Multi gaussian",
    ),
    QT_TRANSLATE_NOOP(
        "presets",
        "Six ±1 cones of radius 2 (the strongest wins); noise shifts reads by ±6·noise.",
    ),
    QT_TRANSLATE_NOOP(
        "compare",
        "the activation of every hidden layer, one of linear, relu, leaky_relu, elu, sigmoid, tanh, softplus, silu, gelu",
    ),
    QT_TRANSLATE_NOOP(
        "compare",
        "the weight initialiser, one of zeros, small_normal, xavier_uniform, xavier_normal, he_normal, he_uniform",
    ),
    QT_TRANSLATE_NOOP(
        "compare",
        "the learning rate, a number in (0, 1000], e.g. lr=0.03,3",
    ),
    QT_TRANSLATE_NOOP(
        "compare",
        "the optimizer, one of sgd, momentum, rmsprop, adam",
    ),
    QT_TRANSLATE_NOOP(
        "compare",
        "hidden layer widths, runs separated by /, e.g. hidden=8,8/4 or hidden=8x8/4/none",
    ),
    QT_TRANSLATE_NOOP(
        "compare",
        "input features, runs separated by /, e.g. features=x1,x2/x1,x2,x1x2",
    ),
    QT_TRANSLATE_NOOP(
        "compare",
        "the L1 penalty rate, 0 or more",
    ),
    QT_TRANSLATE_NOOP(
        "compare",
        "the L2 penalty rate, 0 or more",
    ),
    QT_TRANSLATE_NOOP(
        "compare",
        "the mini-batch size, 1 or more",
    ),
    QT_TRANSLATE_NOOP(
        "compare",
        "the seed of the weights and the mini-batch shuffle, 0 or more (the data keep theirs)",
    ),
    QT_TRANSLATE_NOOP(
        "compare",
        "the momentum coefficient in [0, 1), for the momentum optimizer",
    ),
    QT_TRANSLATE_NOOP(
        "compare",
        "the initial value of every bias, a number",
    ),
    QT_TRANSLATE_NOOP(
        "formulas",
        "For two classes, y ∈ {0, 1}: the output is the probability of class 1.",
    ),
    QT_TRANSLATE_NOOP(
        "formulas",
        "For several classes; y is 1 for the point's class and 0 for the others.",
    ),
    QT_TRANSLATE_NOOP(
        "formulas",
        "For regression: the output is the number itself.",
    ),
    QT_TRANSLATE_NOOP(
        "formulas",
        "TensorFlow Playground's head: classes 0 and 1 become the targets −1 and +1.",
    ),
    QT_TRANSLATE_NOOP(
        "formulas",
        "The velocity v keeps a share μ of the last step; Nesterov's variant takes the gradient a step ahead.",
    ),
    QT_TRANSLATE_NOOP(
        "formulas",
        "Each weight's step is divided by the root of its mean square gradient.",
    ),
    QT_TRANSLATE_NOOP(
        "formulas",
        "Mean m and mean square v of the gradient, with both bias corrections folded into the step size.",
    ),
    QT_TRANSLATE_NOOP(
        "formulas",
        "η is the learning rate: plain gradient descent moves every weight η times its gradient; the other optimizers shape the step but keep η as its scale.",
    ),
    QT_TRANSLATE_NOOP(
        "formulas",
        "The gradient is the mean over the B points of a mini-batch. The training points are shuffled every epoch, which takes ⌈n / B⌉ steps (the last batch may be smaller).",
    ),
    QT_TRANSLATE_NOOP(
        "formulas",
        "Added to the batch's mean loss, over the weights only.",
    ),
    QT_TRANSLATE_NOOP(
        "formulas",
        "Added to the batch's mean loss, over the weights only; with the ½ the gradient is λ₂·w (weight decay).",
    ),
    QT_TRANSLATE_NOOP(
        "formulas",
        "Every bias starts at this value; the weights are drawn.",
    ),
    QT_TRANSLATE_NOOP(
        "formulas",
        "Each layer's weights, drawn once.",
    ),
    QT_TRANSLATE_NOOP(
        "formulas",
        "Every hidden layer, first to last.",
    ),
    QT_TRANSLATE_NOOP(
        "formulas",
        "Each feature is standardised over the points when the network is made.",
    ),
    QT_TRANSLATE_NOOP(
        "formulas",
        "Moves every point at random; r depends on the preset (its tooltip says how).",
    ),
    QT_TRANSLATE_NOOP(
        "formulas",
        "The points held out of training; the test loss is measured on them.",
    ),
    QT_TRANSLATE_NOOP(
        "formulas",
        "a weight",
    ),
    QT_TRANSLATE_NOOP(
        "formulas",
        "the gradient ∂L/∂w of the batch",
    ),
    QT_TRANSLATE_NOOP(
        "formulas",
        "the learning rate",
    ),
    QT_TRANSLATE_NOOP(
        "formulas",
        "the momentum",
    ),
    QT_TRANSLATE_NOOP(
        "formulas",
        "the velocity, or Adam's mean square gradient",
    ),
    QT_TRANSLATE_NOOP(
        "formulas",
        "the mean square gradient",
    ),
    QT_TRANSLATE_NOOP(
        "formulas",
        "the mean gradient",
    ),
    QT_TRANSLATE_NOOP(
        "formulas",
        "the step count",
    ),
    QT_TRANSLATE_NOOP(
        "formulas",
        "the decay rate of the mean square",
    ),
    QT_TRANSLATE_NOOP(
        "formulas",
        "the decay rate of the mean gradient",
    ),
    QT_TRANSLATE_NOOP(
        "formulas",
        "the decay rate of the mean square gradient",
    ),
    QT_TRANSLATE_NOOP(
        "formulas",
        "a small number that keeps the division finite",
    ),
    QT_TRANSLATE_NOOP(
        "formulas",
        "the L1 rate",
    ),
    QT_TRANSLATE_NOOP(
        "formulas",
        "the L2 rate",
    ),
    QT_TRANSLATE_NOOP(
        "formulas",
        "the batch size",
    ),
    QT_TRANSLATE_NOOP(
        "formulas",
        "the number of points",
    ),
    QT_TRANSLATE_NOOP(
        "formulas",
        "a unit's pre-activation",
    ),
    QT_TRANSLATE_NOOP(
        "formulas",
        "its activation f(z)",
    ),
    QT_TRANSLATE_NOOP(
        "formulas",
        "the network's output",
    ),
    QT_TRANSLATE_NOOP(
        "formulas",
        "the target",
    ),
)

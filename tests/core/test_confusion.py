"""Confusion matrices and residuals against cases counted by hand."""

from __future__ import annotations

import numpy as np
import pytest

from playground.core.confusion import (
    accuracy,
    confusion_matrix,
    predicted_classes,
    residuals,
    row_fractions,
    split_confusion,
)


def test_binary_counts_by_hand() -> None:
    # true:     0    0    0    1    1    1    1
    # p(1):    .1   .7   .5   .9   .51  .2   .8   -> predicted 0 1 0 1 1 0 1
    targets = np.array([0, 0, 0, 1, 1, 1, 1], dtype=float)
    output = np.array([[0.1], [0.7], [0.5], [0.9], [0.51], [0.2], [0.8]])
    matrix = confusion_matrix(targets, output, "binary", 2)
    assert matrix.tolist() == [[2, 1], [1, 3]]
    assert matrix.dtype == np.int64
    assert accuracy(matrix) == pytest.approx(5 / 7)


def test_a_probability_of_one_half_is_class_0_as_the_model_predicts() -> None:
    assert predicted_classes(np.array([[0.5], [0.5000001]]), "binary").tolist() == [0, 1]


def test_multiclass_counts_by_hand() -> None:
    targets = np.array([0, 1, 2, 2, 1, 0])
    output = np.array(
        [
            [0.8, 0.1, 0.1],  # 0 -> 0
            [0.2, 0.3, 0.5],  # 1 -> 2
            [0.1, 0.1, 0.8],  # 2 -> 2
            [0.6, 0.3, 0.1],  # 2 -> 0
            [0.1, 0.7, 0.2],  # 1 -> 1
            [0.4, 0.5, 0.1],  # 0 -> 1
        ]
    )
    assert confusion_matrix(targets, output, "multiclass", 3).tolist() == [
        [1, 1, 0],
        [0, 1, 1],
        [1, 0, 1],
    ]


def test_a_class_without_points_keeps_its_row_and_column() -> None:
    output = np.array([[0.9, 0.05, 0.05, 0.0], [0.1, 0.8, 0.1, 0.0]])
    matrix = confusion_matrix(np.array([0.0, 1.0]), output, "multiclass", 4)
    assert matrix.shape == (4, 4)
    assert matrix.sum() == 2 and matrix[0, 0] == 1 and matrix[1, 1] == 1
    fractions = row_fractions(matrix)
    assert fractions[0].tolist() == [1.0, 0.0, 0.0, 0.0]
    assert np.isnan(fractions[2]).all()


def test_the_split_puts_the_first_rows_in_training() -> None:
    targets = np.array([0, 1, 1, 0, 1], dtype=float)
    output = np.array([[0.2], [0.9], [0.3], [0.6], [0.7]])
    train, test = split_confusion(targets, output, "binary", 2, n_train=3)
    assert train.tolist() == [[1, 0], [1, 1]]
    assert test.tolist() == [[0, 1], [0, 1]]
    empty_train, all_test = split_confusion(targets, output, "binary", 2, n_train=0)
    assert empty_train.sum() == 0 and all_test.sum() == 5
    assert np.isnan(accuracy(empty_train))


def test_row_fractions_by_hand() -> None:
    fractions = row_fractions(np.array([[3, 1], [0, 2]]))
    np.testing.assert_allclose(fractions, [[0.75, 0.25], [0.0, 1.0]])


def test_bad_input_is_refused() -> None:
    with pytest.raises(ValueError, match="targets"):
        confusion_matrix(np.zeros(3), np.zeros((2, 1)), "binary", 2)
    with pytest.raises(ValueError, match="outside"):
        confusion_matrix(np.array([0.0, 2.0]), np.zeros((2, 1)), "binary", 2)
    with pytest.raises(ValueError, match="regression"):
        predicted_classes(np.zeros((2, 1)), "regression")


def test_residuals_are_target_minus_prediction() -> None:
    targets = np.array([1.0, -2.0, 0.5])
    output = np.array([[0.5], [-1.0], [0.5]])
    assert residuals(targets, output).tolist() == [0.5, -1.0, 0.0]
    assert residuals(targets, output[:, 0]).tolist() == [0.5, -1.0, 0.0]
    with pytest.raises(ValueError, match="one column"):
        residuals(targets, np.zeros((3, 2)))

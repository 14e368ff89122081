"""Learned weights of the answer stage (never hand-edited: rerun the trainers).

WEIGHTS: the sentence ranker, one a feature of features.NAMES, by
bench/train_ranker.py (listwise softmax over the sentences of the top-5
passages; squad11_tune + squad2_tune answerable questions).

CONFIDENCE_WEIGHTS: a logistic model over answer.CONFIDENCE_NAMES (last: the
intercept), by bench/train_confidence.py (answerable vs unanswerable,
squad2_tune).
"""

WEIGHTS = (
    1.7756, 1.1401, 2.8276, 0.1785, 2.2399, 0.5696, 1.6620, 0.0335, 2.4205,
    2.2184, 0.1179, 0.0867, 0.1763, 0.4068, 0.8023, 1.8874, -0.4579, 0.0601,
)

CONFIDENCE_WEIGHTS = (
    1.4287, -0.1622, -0.7023, 0.1799, 0.3601, 0.3928, -3.3874, -0.2724, -0.3230,
    -0.4688, -1.3622, -2.2115, -0.9124, -0.8000, 0.0573, 1.1963, -0.6037, -0.1466,
)

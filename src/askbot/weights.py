"""Learned weights of the answer stage (never hand-edited: rerun the trainers).

WEIGHTS: the sentence ranker, one a feature of features.NAMES, by
bench/train_ranker.py (listwise softmax over the sentences of the top-5
passages; squad11_tune + squad2_tune answerable questions).

CONFIDENCE_WEIGHTS: a logistic model over answer.CONFIDENCE_NAMES (last: the
intercept), by bench/train_confidence.py (answerable vs unanswerable,
squad2_tune).
"""

WEIGHTS = (
    1.8391, 1.1541, 2.8220, 0.1862, 2.2178, 0.5682, 1.6498, 0.0113, 2.4280,
    2.2112, 0.1153, 0.0630, 0.1727, 0.3848, 0.7838, 1.8610, -0.4439, 0.0599,
)

CONFIDENCE_WEIGHTS = (
    1.3020, -0.1968, -0.7080, 0.1805, 0.2383, 0.3939, -3.3938, -0.2659, -0.2946,
    -0.4691, -1.3742, -2.2190, -0.9652, -0.7415, 0.0851, 1.3241, -0.6265, -0.0850,
)

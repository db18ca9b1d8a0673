"""What is wrong with a value (kpi.values.ValueProblem), in Thai: one table for the chat, which
answers the officer typing, and for results imports, which name the file's row."""

from __future__ import annotations

from kpi.indicator import IndicatorView
from kpi.values import ValueProblem

from . import texts as T

#: problem -> (in chat, in an import file)
PROBLEM_TEXTS: dict[ValueProblem, tuple[str, str]] = {
    ValueProblem.NEGATIVE: (T.ERR_NEGATIVE, T.ERR_NEGATIVE),
    ValueProblem.NOT_WHOLE: (T.ERR_NOT_WHOLE, T.ERR_NOT_WHOLE),
    ValueProblem.OVER_100: (T.ERR_OVER_100, T.ERR_OVER_100),
    ValueProblem.OUT_OF_LADDER: (T.ERR_OUT_OF_LADDER, T.ERR_OUT_OF_LADDER),
    ValueProblem.PERCENT_FOR_COUNT: (T.ERR_PERCENT_FOR_COUNT, T.FILE_ERR_PERCENT_FOR_COUNT),
    ValueProblem.NOT_PASS_FAIL: (T.ERR_NOT_PASS_FAIL, T.FILE_ERR_NOT_PASS_FAIL),
    ValueProblem.OUT_OF_RANGE: (T.ERR_OUT_OF_RANGE, T.FILE_ERR_OUT_OF_RANGE),
    ValueProblem.TOO_PRECISE: (T.ERR_TOO_PRECISE, T.ERR_TOO_PRECISE),
}


def value_problem_text(problem: ValueProblem, ind: IndicatorView, in_file: bool = False) -> str:
    chat, file = PROBLEM_TEXTS[problem]
    return (file if in_file else chat).format(uom=ind.unit_of_measure, top=ind.max_level or 5)

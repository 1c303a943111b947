"""Dates collections accepts: real business dates, not typos a century away."""

from datetime import date
from typing import Annotated

from pydantic import Field

BusinessDate = Annotated[date, Field(ge=date(1900, 1, 1), le=date(2200, 12, 31))]

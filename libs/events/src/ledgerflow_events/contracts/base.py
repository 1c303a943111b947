"""The base of every event contract."""

from typing import Annotated, ClassVar

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

# Decimal string at the currency's exact scale, e.g. "1234.50"; never a JSON number.
Amount = Annotated[str, StringConstraints(pattern=r"^-?\d+(\.\d+)?$")]
CurrencyCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]


class EventData(BaseModel):
    """The JSON data of a CloudEvent; the envelope travels in the Kafka headers."""

    # Readers ignore fields added later in the same version.
    model_config = ConfigDict(extra="ignore", frozen=True)

    producer: ClassVar[str]
    fact: ClassVar[str]
    version: ClassVar[int] = 1

    customer_id: str = Field(
        description="The customer it concerns; also the message key, so their events stay in order"
    )

    @classmethod
    def event_type(cls) -> str:
        return f"{cls.producer}.{cls.fact}.v{cls.version}"


def event_type_of(data: EventData) -> str:
    return type(data).event_type()

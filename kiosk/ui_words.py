"""Every word the kiosk itself shows or says to a patient, marked for translation (issue #14).

These are the English words the screens, widgets and speech now write inline (kiosk/ui/screens/,
kiosk/ui/widgets/, kiosk/ui/app.py, kiosk/flow.py, kiosk/speech/say.py, kiosk/printing/slip.py),
gathered in one place so ``make messages`` extracts them and each language's catalog translates
them. Staff-only words (staff mode, the PIN pad) are not here: staff read the clinic's language.

Pure constants, nothing translated at import (the ``N_`` style): a screen translates at draw time
with the catalog of the visit's language, e.g.::

    from kiosk import ui_words as W
    from kiosk.i18n import translator

    t = translator(visit.language)
    t.gettext(W.BACK)                                        # "Back" / "Atrás"
    t.gettext(W.QUESTION_OF).format(n=3, total=17)           # "Question 3 of 17" / "Pregunta 3 de 17"
    t.ngettext(*W.CLEARS_IN_SECONDS, 5).format(n=5)           # "... in 5 seconds." / "... en 5 segundos."
    t.gettext(W.PRESS_KEY).format(key=t.gettext(W.key_name("*")))   # said: "oprima asterisco"

Placeholders are ``str.format`` names in braces; a translation keeps every one of them (the
catalog tests check it), in whatever order its language needs.

The English here must stay word for word what the screens show today, so the lead can swap an
inline string for ``t.gettext(W.NAME)`` without changing an English snapshot.
"""

from __future__ import annotations


def N_(message: str) -> str:
    """Mark ``message`` for extraction; return it unchanged (translated later, at draw time)."""
    return message


def Nn_(singular: str, plural: str) -> tuple[str, str]:
    """Mark a message with a plural form; ``t.ngettext(*pair, n)`` picks the form for ``n``."""
    return (singular, plural)


# ---- the keys, as the key guide shows them and as speech says them --------------------------------

# TRANSLATORS: the key guide at the bottom of every screen, wide form. Keep the keys (0 * / .)
# and keep it to one line of 60 characters at most.
KEY_GUIDE_WIDE = N_("0 Back   * Help now   / Speech on/off   . Sound")
# TRANSLATORS: the key guide on a narrow screen: 40 characters at most.
KEY_GUIDE_NARROW = N_("0 Back  * Help  / Speech  . Sound")

# TRANSLATORS: shown on a choice and said after it; {key} is a digit, e.g. "Press 3."
PRESS_KEY = N_("Press {key}.")
# TRANSLATORS: said for a choice that has no digit of its own.
PRESS_ENTER = N_("Press Enter.")
# TRANSLATORS: said before a key's spoken name, lower case, e.g. "press star".
PRESS_SPOKEN = N_("press {key}")

#: Spoken names of the keys that are not letters, for speech ("press star"). Digits 1-9 are read
#: by the voice itself; 0 is named so a key is never heard as the letter O.
KEY_NAMES = {
    # TRANSLATORS: the * key, spoken.
    "*": N_("star"),
    # TRANSLATORS: the / key, spoken.
    "/": N_("slash"),
    # TRANSLATORS: the - key, spoken.
    "-": N_("minus"),
    # TRANSLATORS: the + key, spoken.
    "+": N_("plus"),
    # TRANSLATORS: the . key, spoken.
    ".": N_("dot"),
    # TRANSLATORS: the 0 key, spoken.
    "0": N_("zero"),
    # TRANSLATORS: the Enter key, spoken.
    "enter": N_("Enter"),
}


def key_name(key: str) -> str:
    """The marked spoken name of ``key`` (untranslated), or the key itself for a digit 1-9."""
    return KEY_NAMES.get(key, key)


# ---- the emergency banner (every screen) and the emergency page ----------------------------------

# TRANSLATORS: second banner line on a narrow screen; {number} is the emergency number, {key} is *.
BANNER_NARROW = N_("Call {number}. Press {key} for help.")
# TRANSLATORS: added after the "Not in the clinic? Call 911." line of the banner; {key} is *.
BANNER_PRESS = N_("Press {key} for help now.")
# TRANSLATORS: the banner's key, spoken: "Press star for help now."
BANNER_PRESS_SPOKEN = N_("Press star for help now.")
WHAT_TO_DO_NOW = N_("What to do now")
# TRANSLATORS: heading of the list of danger signs on the emergency page (a colon follows).
GET_HELP_IF = N_("Get help now if you have")
# TRANSLATORS: after the steps on the emergency page; {answers} are the danger signs the person chose.
YOU_SAID = N_("You said: {answers}")
CHANGE_ANSWER = N_("Change answer")
CHANGE_MY_ANSWER = N_("Change my answer")
BACK = N_("Back")

# ---- home -----------------------------------------------------------------------------------------

CHOOSE_TOPIC = N_("Choose a topic:")
CHOOSE_TOPIC_SPOKEN = N_("Choose a topic.")
# TRANSLATORS: said for a topic's questions on home; {title} is the flow's own title.
ANSWER_QUESTIONS_FOR = N_("Answer questions for your provider: {title}")
FINISH_AND_CLEAR = N_("Finish and clear the screen")
SPEECH_HINT = N_("To hear this screen, press / (slash).")
SPEECH_HINT_SPOKEN = N_("To hear this screen, press slash.")
# TRANSLATORS: {wait} is "90 seconds" or "2 minutes" (the two messages below).
IDLE_HINT = N_("If no one uses it for {wait}, this kiosk clears itself.")
SECONDS = Nn_("{n} second", "{n} seconds")
MINUTES = Nn_("{n} minute", "{n} minutes")

# ---- pages (topics, the emergency page, the summary) ----------------------------------------------

NEXT = N_("Next")
PREVIOUS = N_("Previous")
PAGE_OF = N_("Page {n} of {total}")
# TRANSLATORS: after "Page 2 of 6, " when a page needs more than one screen.
PART_OF = N_("part {n} of {total}")
# TRANSLATORS: the same, alone (a page that is the only one).
PART_OF_ALONE = N_("Part {n} of {total}")
# TRANSLATORS: how "Page 2 of 6" and "part 1 of 2" are joined.
PAGE_AND_PART = N_("{page}, {part}")

# ---- a topic --------------------------------------------------------------------------------------

QUESTIONS = N_("Questions")
ANSWER_QUESTIONS = N_("Answer questions")
HELPFUL = N_("Helpful")
HELPFUL_SPOKEN = N_("Was this helpful? Yes")
NOT_HELPFUL = N_("Not helpful")
NOT_HELPFUL_SPOKEN = N_("Was this helpful? No")
HOME = N_("Home")
THANKS = N_("Thank you for telling us.")

# ---- a question -----------------------------------------------------------------------------------

QUESTION_OF = N_("Question {n} of {total}")
NOT_SURE = N_("Not sure")
SKIP_QUESTION = N_("Skip this question")
# TRANSLATORS: ends a question where several answers may be chosen.
DONE = N_("Done")
CHOOSE_ALL_THEN_DONE = N_("Choose all that apply, then Done.")
# TRANSLATORS: said when a box is ticked; {label} is the answer.
LABEL_CHOSEN = N_("{label}: chosen.")
# TRANSLATORS: said when a box is cleared; {label} is the answer.
LABEL_NOT_CHOSEN = N_("{label}: not chosen.")
# TRANSLATORS: said after a highlighted answer whose box is ticked.
CHOSEN = N_("Chosen.")
NOT_CHOSEN = N_("Not chosen.")
# TRANSLATORS: said when the highlight moves: "2 of 5: Calf." then the state and the key.
POSITION = N_("{n} of {total}: {label}.")
# TRANSLATORS: shown and said when Done is pressed with nothing chosen; {prompt} is the question.
ANSWER_REQUIRED = N_("Choose an answer for: {prompt}")

# ---- checking the answers, and the summary ---------------------------------------------------------

CHECK_ANSWERS = N_("Check your answers")
PICK_TO_CHANGE = N_("Pick an answer to change it.")
ALL_CORRECT = N_("All correct: show my summary")
READ_MY_ANSWERS = N_("Read my answers aloud")
# TRANSLATORS: said for an answer on the review screen; {label} is the question's short name.
CHANGE_ANSWER_TO = N_("Change your answer to: {label}")
ANSWERS_ON_SCREEN = N_("Your answers are on the screen.")
PRIVACY_WARNING = N_("Read your answers aloud? People nearby may hear.")
PRESS_TO_HEAR_THEM = N_("Press {key} to hear them.")
SHOW_PROVIDER = N_("Show this to your provider")
SUMMARY_ON_SCREEN = N_("Your summary is on the screen.")
PRESS_TO_HEAR_IT = N_("Press {key} to hear it.")
READ_ALOUD = N_("Read aloud")
CHANGE = N_("Change")
CHANGE_MY_ANSWERS = N_("Change my answers")
FINISH = N_("Finish")
# TRANSLATORS: the summary's first line; {month} is a month name below, e.g. "November 25, 2026".
DATE_LINE = N_("{title}, {month} {day}, {year}")
MONTHS = (
    N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"),
    N_("July"), N_("August"), N_("September"), N_("October"), N_("November"), N_("December"),
)
WEEKDAYS = (N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"), N_("Saturday"),
            N_("Sunday"))
# TRANSLATORS: on the printed slip.
WHAT_TO_DO = N_("What to do")

# ---- sound and speech -----------------------------------------------------------------------------

SOUND_AND_SPEECH = N_("Sound and speech")
READ_AGAIN = N_("Read again")
READ_LAST_SCREEN_AGAIN = N_("Read the last screen again")
SLOWER = N_("Slower")
FASTER = N_("Faster")
QUIETER = N_("Quieter")
LOUDER = N_("Louder")
# TRANSLATORS: a short choice label (12 characters fit best); the spoken form follows.
PAUSE_GO_ON = N_("Pause/go on")
PAUSE_OR_GO_ON = N_("Pause or go on")
SPEECH_ON = N_("Speech on")
SPEECH_OFF = N_("Speech off")
SPEECH_IS_ON = N_("Speech is on.")
SPEECH_IS_OFF = N_("Speech is off.")
SPEED_OF = N_("Speed {n} of {total}.")
VOLUME_OF = N_("Volume {n} of {total}.")

# ---- "Are you still there?" -----------------------------------------------------------------------

STILL_THERE = N_("Are you still there?")
PRESS_ANY_KEY_OR_TOUCH = N_("Press any key or touch the screen to go on.")
PRESS_ANY_KEY = N_("Press any key to go on.")
CLEARS_IN_SECONDS = Nn_("The screen will clear in {n} second.", "The screen will clear in {n} seconds.")

# ---- when something goes wrong, and a topic read aloud by `kiosk say` -------------------------------

APOLOGY = N_("Sorry, something went wrong. We are back at the start.")
# TRANSLATORS: `kiosk say` and the spoken topic, before a page.
SAY_PAGE = N_("Page {n} of {total}.")
# TRANSLATORS: `kiosk say`, before the topic's danger signs.
SAY_RED_FLAGS = N_("Get help now if you have:")

"""Every word the kiosk itself shows or says to a patient, marked for translation.

Every patient-facing word of the screens, widgets and speech (kiosk/ui/screens/, kiosk/ui/widgets/,
kiosk/ui/app.py, kiosk/visit/flow.py, kiosk/content/library_nav.py, kiosk/speech/, the printed slip) is one of
these constants, gathered in one place so ``make messages`` extracts them and each language's
catalog translates them. Staff-only words (staff mode, the PIN pad) are not here: staff read the
clinic's language. ``tests/unit/test_catalogs.py`` fails on a phrase here that no code uses.

Pure constants, nothing translated at import (the ``N_`` style): a screen translates at draw time
with the catalog of the visit's language, e.g.::

    from kiosk.words import ui_words as W

    self._(W.BACK)                                           # on a KioskScreen: "Back" / "Atrás"
    self._(W.QUESTION_OF, n=3, total=17)                     # "Question 3 of 17" / "Pregunta 3 de 17"
    self.n_(W.CLEARS_IN_SECONDS, 5)                          # "... in 5 seconds." / "... en 5 segundos."
    tr(language, W.PRESS_KEY, key=3)                         # kiosk.words.i18n.tr, in widgets and pure code

Placeholders are ``str.format`` names in braces; a translation keeps every one of them (the
catalog tests check it), in whatever order its language needs.

The English here is word for word what the screens show: changing a phrase changes the English
snapshots, so no wording changes by accident.
"""

from __future__ import annotations


def N_(message: str) -> str:
    """Mark ``message`` for extraction; return it unchanged (translated later, at draw time)."""
    return message


def Nn_(singular: str, plural: str) -> tuple[str, str]:
    """Mark a message with a plural form; ``t.ngettext(*pair, n)`` picks the form for ``n``."""
    return (singular, plural)


def Np_(context: str, message: str) -> str:
    """Mark ``message`` with a ``context``, for English words that need two translations (the
    "Speech on" sign and the "Speech on" choice). Stored as gettext stores ``pgettext`` ids;
    :func:`kiosk.words.i18n.tr` gives the English words back when there is no translation."""
    return f"{context}\x04{message}"


# ---- the keys, as the key guide shows them and as speech says them --------------------------------

# TRANSLATORS: the key guide at the bottom of every screen, after the screen's own "0 Back" (or
# "0 Home"). Keep the keys (* / - + .). Widest form: 60 characters at most.
KEY_GUIDE_REST_WIDE = N_("* Help now   / Speech on/off   - Pause   + Repeat   . Sound")
# TRANSLATORS: the same, middle width: 50 characters at most.
KEY_GUIDE_REST_MIDDLE = N_("* Help  / Speech  - Pause  + Repeat  . Sound")
# TRANSLATORS: the same, narrowest: with "0 " and the word for Back or Home before it, 40
# characters at most (about 31 here).
KEY_GUIDE_REST_NARROW = N_("*Help /Speech -Pause +Again .Sound")

#: Spoken key help: said once when speech is turned on, and from the sound menu.
SPOKEN_KEY_HELP = (
    # TRANSLATORS: spoken key help, line 1 of 4. Keys are named in words.
    N_("Keys: number keys choose. Up and down move, Enter chooses."),
    # TRANSLATORS: spoken key help, line 2 of 4.
    N_("Zero goes back. Star: help now."),
    # TRANSLATORS: spoken key help, line 3 of 4.
    N_("Slash turns speech off. Minus pauses. Plus says it again."),
    # TRANSLATORS: spoken key help, line 4 of 4.
    N_("Full stop opens the sound menu, where 8 says these keys again."),
)

# TRANSLATORS: the line under a list that does not fit a small screen, before the keys out of
# view: "▼ More below: 8 0.". Keep them short: 40 columns hold the whole line.
MORE_ABOVE = N_("More above")
MORE_BELOW = N_("More below")
MORE_BOTH = N_("More above and below")
# TRANSLATORS: the shortest form of the three above, when they do not fit.
MORE_SHORT = N_("More")
# TRANSLATORS: after the keys out of view, when a tap on this line or Enter shows them (a touch
# user has no Enter key); the second is the short form.
ENTER_TO_SEE_THEM = N_("Tap here or press Enter to see them.")
ENTER_SEE_THEM = N_("Tap or Enter.")

# TRANSLATORS: shown on a choice and said after it; {key} is a digit, e.g. "Press 3."
PRESS_KEY = N_("Press {key}.")
# TRANSLATORS: said for a choice that has no digit of its own.
PRESS_ENTER = N_("Press Enter.")

#: Spoken names of the keys that are not letters or digits, for speech ("Press * for help" is
#: said "Press star for help"); the voice reads the digits itself.
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
    ".": N_("full stop"),
    # TRANSLATORS: the # key, spoken.
    "#": N_("hash"),
}


def key_name(key: str) -> str:
    """The marked spoken name of ``key`` (untranslated), or the key itself for a digit."""
    return KEY_NAMES.get(key, key)


# ---- the emergency banner (every screen) and the emergency page ----------------------------------

# TRANSLATORS: second banner line on a narrow screen (40 characters at most with the number);
# {number} is the emergency number, {key} is *.
BANNER_NARROW = N_("Call {number}. Press {key} for help.")
# TRANSLATORS: added after the "Not in the clinic? Call 911." line of the banner; {key} is *.
BANNER_PRESS = N_("Press {key} for help now.")
WHAT_TO_DO_NOW = N_("What to do now")
# TRANSLATORS: on the printed slip, before what to do about the danger signs above it.
WHAT_TO_DO = N_("What to do")
# TRANSLATORS: heading of the list of danger signs on the emergency page.
GET_HELP_IF = N_("Get help now if you have:")
# TRANSLATORS: heading of a topic's danger signs on the emergency page; {title} is the topic.
DANGER_SIGNS_OF = N_("Danger signs: {title}")
# TRANSLATORS: after the steps on the emergency page; {answers} are the danger signs the person chose.
YOU_SAID = N_("You said: {answers}")
# TRANSLATORS: a short choice label (12 characters fit best); the spoken form follows.
CHANGE_ANSWER = N_("Change answer")
CHANGE_MY_ANSWER = N_("Change my answer")
CALL_FRONT_DESK = N_("Call the front desk")
CALL_FRONT_DESK_FOR_ME = N_("Call the front desk for me")
CALLING_DESK = N_("Calling the front desk...")
DESK_CALLED = N_("The front desk was called. Stay where you are: someone will come.")
DESK_NOT_CALLED = N_("The call did not go through. Call out or wave for help.")
# TRANSLATORS: "Call the front desk" pressed again while the first call is on its way.
DESK_ALREADY_CALLED = N_("The front desk has already been called: someone is on the way. Stay where you are.")
BACK = N_("Back")

# ---- home, a group, a topic's contents: lists of any length ---------------------------------------

CHOOSE_TOPIC = N_("Choose a topic:")
CHOOSE_GROUP = N_("Choose a group of topics:")
CHOOSE_PAGE = N_("Choose a page:")
FINISH_AND_CLEAR = N_("Finish and clear the screen")
SPEECH_HINT = N_("To hear this screen, press / (slash).")
SPEECH_ON_HINT = N_("Speech is on. To stop it, press / (slash).")
# TRANSLATORS: {wait} is "90 seconds" or "2 minutes" (the two messages below).
IDLE_HINT = N_("If no one uses it for {wait}, this kiosk clears itself.")
SECONDS = Nn_("{n} second", "{n} seconds")
MINUTES = Nn_("{n} minute", "{n} minutes")
NO_TOPICS = N_("No topics are on right now. Please ask at the front desk.")
NO_TOPICS_IN_GROUP = N_("No topics of this group are on right now.")
# TRANSLATORS: home's language key, shown and said in the language it offers, e.g.
# "Español: oprima 8"; {name} is the language's own name, {key} the digit.
LANGUAGE_KEY_WORDS = N_("{name}: press {key}")
# TRANSLATORS: a group on home, spoken: "{label}, 5 topics".
GROUP_TOPICS = Nn_("{label}, {n} topic", "{label}, {n} topics")
# TRANSLATORS: the group of topics that have no group of their own (listed last on home).
OTHER_TOPICS = N_("Other topics")
#: After a topic's title on home when it has no version in the visit's language, e.g.
#: "Hiccups (in English)": the language the topic opens in, in the visit's words.
IN_LANGUAGE = {
    # TRANSLATORS: after a topic's title on home: it opens in English ("Hiccups (in English)").
    "en": N_("in English"),
    # TRANSLATORS: after a topic's title on home: it opens in Spanish ("Hiccups (in Spanish)").
    "es": N_("in Spanish"),
}
# TRANSLATORS: as above, for a language with no phrase of its own; {name} is its own name ("Tiếng Việt").
IN_LANGUAGE_NAMED = N_("in {name}")
# TRANSLATORS: above a long list: "Page 2 of 3: 6 previous page, 7 next page"; {where} is
# "Page 2 of 3", {keys} the keys below.
WHERE_AND_KEYS = N_("{where}: {keys}")
# TRANSLATORS: the keys that turn a long list's page: "6 previous page", "7 next page".
KEY_PREVIOUS = N_("{key} previous page")
KEY_MORE = N_("{key} next page")
PREVIOUS_TOPICS = N_("Previous topics")
MORE_TOPICS = N_("More topics")
PREVIOUS_GROUPS = N_("Previous groups")
MORE_GROUPS = N_("More groups")
PREVIOUS_PAGES = N_("Previous pages")
MORE_PAGES = N_("More pages")
# TRANSLATORS: heading of a topic's contents; {title} is the topic.
CONTENTS_OF = N_("Contents: {title}")

# ---- a topic's first screen, and its notes --------------------------------------------------------

READ_FROM_START = N_("Read from the start")
# TRANSLATORS: spoken for "Read from the start".
READ_FROM_START_PAGES = Nn_("Read from the start, {n} page", "Read from the start, {n} pages")
CONTENTS = N_("Contents")
CONTENTS_SPOKEN = N_("Contents: choose a page")
QUESTIONS_FOR_PROVIDER = N_("Questions for your provider")
DANGER_SIGNS_FOR_TOPIC = N_("Danger signs for this topic")
WORDS_TO_KNOW = N_("Words to know")
ABOUT_TOPIC = N_("About this topic")
ABOUT_TOPIC_SPOKEN = N_("About this topic: sources and who checked it")
# TRANSLATORS: About this topic; {who} is a name, {date} a date such as "November 25, 2026".
CHECKED_BY = N_("Checked for this kiosk by {who} on {date}.")
# TRANSLATORS: About this topic, for a topic still in draft: said plainly, first.
DRAFT_NOTICE = N_("The clinic's doctors and nurses have not yet reviewed this topic.")
# TRANSLATORS: About this topic, for a topic still in draft (not "checked"); {who}, {date} as above.
DRAFTED_BY = N_("Written for this kiosk by {who} on {date}.")
SOURCES = N_("Sources:")
REVIEWED_BY_ON = N_("Reviewed by {who} on {date}.")
REVIEWED_BY = N_("Reviewed by {who}.")
REVIEWED_ON = N_("Reviewed on {date}.")
# TRANSLATORS: a date: {month} is a month name below, e.g. "November 25, 2026".
DATE = N_("{month} {day}, {year}")
MONTHS = (
    N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"),
    N_("July"), N_("August"), N_("September"), N_("October"), N_("November"), N_("December"),
)

# ---- pages (topics, the emergency page, the summary) ----------------------------------------------

NEXT = N_("Next")
PREVIOUS = N_("Previous")
PAGE_OF = N_("Page {n} of {total}")
# TRANSLATORS: said before a page, and by `kiosk say`.
PAGE_OF_SPOKEN = N_("Page {n} of {total}.")
PAGE_OF_CONTINUED = N_("Page {n} of {total}, continued.")
# TRANSLATORS: under a page that goes on over more screens: "Page 2 of 6, more: press 1".
MORE_PRESS = N_("more: press {key}")
# TRANSLATORS: the same, on a page with no page number.
MORE_PRESS_ALONE = N_("More: press {key}")
# TRANSLATORS: under the rest of a page: "Page 2 of 6, continued".
CONTINUED_AFTER = N_("continued")
CONTINUED = N_("Continued")
CONTINUED_SPOKEN = N_("Continued.")
MORE_OF_PAGE = N_("More of this page: press {key}.")

# ---- a topic --------------------------------------------------------------------------------------

# TRANSLATORS: short choice labels on a topic's last page (12 characters fit best).
QUESTIONS = N_("Questions")
ANSWER_QUESTIONS = N_("Answer questions")
HELPFUL = N_("Helpful")
HELPFUL_SPOKEN = N_("Was this helpful? Yes")
NOT_HELPFUL = N_("Not helpful")
NOT_HELPFUL_SPOKEN = N_("Was this helpful? No")
WORDS = N_("Words")
WORDS_ON_PAGE = N_("Words to know on this page")
HOME = N_("Home")
THANKS = N_("Thank you for telling us.")
START_QUESTIONS = N_("Start the questions")

# ---- a question -----------------------------------------------------------------------------------

QUESTION_OF = N_("Question {n} of {total}")
# TRANSLATORS: after a question asked twice in a flow: "(part 2 of 2)".
PART_OF = N_("part {n} of {total}")
NOT_SURE = N_("Not sure")
SKIP_QUESTION = N_("Skip this question")
# TRANSLATORS: ends a question where several answers may be chosen.
DONE = N_("Done")
# TRANSLATORS: said on a question where several answers may be chosen; {key} is the key of Done.
CHOOSE_ALL_THEN_DONE = N_("Choose all that apply, then Done: press {key}.")
# TRANSLATORS: said instead, after the question's own help (which says to pick several).
DONE_KEY_AFTER_HELP = N_("When you have chosen, Done: press {key}.")
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
HOW_TO_CHOOSE = N_("To answer, press the number of your answer. Or press up or down, then Enter.")
# TRANSLATORS: an answer in the review and the summary ("Where: not sure").
ANSWER_NOT_SURE = N_("not sure")
ANSWER_SKIPPED = N_("skipped")
ANSWER_NOTHING_CHOSEN = N_("nothing chosen")
# TRANSLATORS: joins the last two answers of a list: "calf, foot and toes".
AND_JOIN = N_("{first} and {last}")

# ---- checking the answers, and the summary ---------------------------------------------------------

CHECK_ANSWERS = N_("Check your answers")
PICK_TO_CHANGE = N_("Pick an answer to change it.")
# TRANSLATORS: the review shows 6 answers at a time: "Answers 7 to 12 of 15."
ANSWERS_WHERE = N_("Answers {first} to {last} of {total}.")
ALL_CORRECT = N_("All correct: show my summary")
READ_MY_ANSWERS = N_("Read my answers aloud")
# TRANSLATORS: said for an answer on the review screen; {label} is the question's short name.
CHANGE_ANSWER_TO = N_("Change your answer about: {label}")
# TRANSLATORS: said on a question that already has an answer (back to it, or to change it);
# {answer} is the answer as the review shows it.
YOUR_ANSWER_NOW = N_("Your answer now: {answer}.")
# TRANSLATORS: said first on the next screen after an answer was changed; {answer} is the new one.
YOUR_NEW_ANSWER = N_("Your new answer: {answer}.")
MORE_ANSWERS = N_("More answers")
FIRST_ANSWERS_AGAIN = N_("First answers again")
ANSWERS_ON_SCREEN = N_("Your answers are on the screen.")
PRIVACY_WARNING = N_("Read your answers aloud? People nearby may hear.")
PRESS_TO_HEAR_THEM = N_("Press {key} to hear them.")
SHOW_PROVIDER = N_("Show this to your provider")
#: The summary's key that shows it all in the clinic's first language, and back ("7 English").
# TRANSLATORS: a short choice label on the summary (12 characters fit best; "{name}" alone
# will do): {name} is the language's name in its own words ("English", "Español").
SUMMARY_IN = N_("In {name}")
#: What that key says aloud, taking the summary to the provider's language.
# TRANSLATORS: {in_language} is "in English" in your language ("en inglés").
SUMMARY_IN_FOR_PROVIDER = N_("For your provider: {in_language}")
SUMMARY_ON_SCREEN = N_("Your summary is on the screen.")
SUMMARY_MORE = N_("There is more: press {key} for the rest.")
PRESS_TO_HEAR_IT = N_("Press {key} to hear it.")
# TRANSLATORS: short choice labels on the summary (12 characters fit best); spoken forms follow.
READ_ALOUD = N_("Read aloud")
CHANGE = N_("Change")
CHANGE_MY_ANSWERS = N_("Change my answers")
PRINT = N_("Print")
PRINT_FOR_PROVIDER = N_("Print for my provider")
FINISH = N_("Finish")
# TRANSLATORS: the summary's first line; {date} is a date such as "November 25, 2026".
DATE_LINE = N_("{title}, {date}")
CONFIRM_FINISH = N_("Finish and clear your answers?")
CONFIRM_FINISH_NOTE = N_("Your summary will be gone from the screen.")
KEEP_SUMMARY = N_("No, keep my summary")
YES_FINISH = N_("Yes, finish and clear")
PRINTING = N_("Printing. Please wait.")
PRINTED = N_("Your slip is printed. Take it to your provider.")
PRINT_FAILED = N_("Printing did not work. Please show this screen to the front desk.")

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
# TRANSLATORS: a choice in the sound menu: turns speech on.
SPEECH_ON = N_("Speech on")
# TRANSLATORS: a choice in the sound menu: turns speech off.
SPEECH_OFF = N_("Speech off")
# TRANSLATORS: the sign beside the screen's title while the kiosk speaks (a state, not an action).
SPEECH_ON_SIGN = Np_("sign", "Speech on")
# TRANSLATORS: the sign beside the title when this kiosk has no working voice.
NO_SPEECH_HERE = N_("No speech here")
WHICH_KEYS = N_("Which keys do what")
SPEECH_IS_ON = N_("Speech is on.")
SPEECH_IS_OFF = N_("Speech is off.")
# TRANSLATORS: said when Finish or the idle time ends a visit in which speech was on, before
# the kiosk goes quiet for the next person (then "Speech is off.").
VISIT_CLEARED = N_("Your visit is over and your answers are cleared.")
SPEED_OF = N_("Speed {n} of {total}.")
VOLUME_OF = N_("Volume {n} of {total}.")
SPEECH_MISSING = N_("Sorry, speech is not available on this kiosk. Please ask at the front desk.")

# ---- "Are you still there?" -----------------------------------------------------------------------

STILL_THERE = N_("Are you still there?")
PRESS_ANY_KEY_OR_TOUCH = N_("Press any key or touch the screen to go on.")
PRESS_ANY_KEY = N_("Press any key to go on.")
CLEARS_IN_SECONDS = Nn_("The screen will clear in {n} second.", "The screen will clear in {n} seconds.")

# ---- when something goes wrong, and a topic read aloud by `kiosk say` -------------------------------

APOLOGY = N_("Sorry, something went wrong. We are back at the start.")

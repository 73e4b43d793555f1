from tests.tui.conftest import screen_text
async def test_probe(make_app):
    app = make_app()
    async with app.run_test(size=(120, 34)) as pilot:
        await app.up_to_date(); await pilot.pause()
        print(screen_text(app))
        print("LINK", app.console_link, app.console_link and app.console_link.path)
